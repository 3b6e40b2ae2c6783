import { analyseRun, type AnalysisOptions, type RunAnalysis } from '@runcue/analysis';
import { countFitMessages, decodeFit, isFitError, type Activity } from '@runcue/fit';
import { encodeRawFile, encodeSamplesRow, type EncodedRawFile, type EncodedSamples } from '@runcue/store';
import type { IngestError } from '../import/ingest-types.ts';
import { BudgetError, type IngestBudget } from './ingest-budget.ts';

/** What reading one FIT file gave: the activity and its analysis, or why it was refused. */
export type ComputedFile =
  | {
      readonly ok: true;
      readonly activity: Activity;
      readonly analysis: RunAnalysis;
      /** The file's bytes and samples in their stored form, when `encode` was asked for. */
      readonly encoded?: EncodedForStore;
    }
  | { readonly ok: false; readonly error: IngestError };

export interface ComputeOptions {
  /** Files larger than this are refused unread (FIT_TOO_LARGE). */
  readonly maxBytes: number;
  readonly budget: Pick<IngestBudget, 'maxRecords' | 'maxSamples'>;
  readonly analysisOptions: Partial<AnalysisOptions>;
  /**
   * Also encode the file and its samples as the store keeps them (`encodeRawFile`,
   * `encodeSamplesRow`), so that this CPU work is done here (a worker) and not by the thread that
   * holds the transaction.
   */
  readonly encode?: boolean;
}

/** A file's raw bytes and samples encoded for the store. */
interface EncodedForStore {
  readonly raw: EncodedRawFile;
  readonly samples: EncodedSamples;
}

/**
 * Decodes and analyses one FIT file within its budget: its data messages are counted before
 * anything is decoded, the activity's samples before it is analysed. Never throws for the file's
 * sake: a refusal (FitError, BudgetError) or a bug met on this file comes back as `{ ok: false }`
 * with a stable code ('INTERNAL' for a bug). Runs in a worker thread (`ingest-worker.ts`) or,
 * without a pool, in the caller's thread.
 */
export function computeFile(bytes: Uint8Array, options: ComputeOptions): ComputedFile {
  try {
    const { maxRecords, maxSamples } = options.budget;
    if (bytes.byteLength <= options.maxBytes) {
      const records = countFitMessages(bytes, maxRecords);
      if (records > maxRecords)
        throw new BudgetError(
          'BUDGET_TOO_MANY_RECORDS',
          `The file holds more than ${maxRecords} messages, more than any watch writes for one activity (48 hours at 10 a second); it was not read.`,
        );
    }
    const activity = decodeFit(bytes, { maxBytes: options.maxBytes });
    if (activity.samples.length > maxSamples)
      throw new BudgetError(
        'BUDGET_TOO_MANY_SAMPLES',
        `The activity has ${activity.samples.length} samples; runcue keeps at most ${maxSamples} (48 hours at 10 a second).`,
      );
    const analysis = analyseRun(activity, options.analysisOptions);
    const encoded = options.encode === true ? encodeForStore(bytes, activity) : null;
    return encoded ? { ok: true, activity, analysis, encoded } : { ok: true, activity, analysis };
  } catch (error) {
    if (isFitError(error) || error instanceof BudgetError)
      return { ok: false, error: { code: error.code, message: error.message } };
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `runcue failed while reading this file (${detail}); it is kept and will be read again when it arrives again.`,
      },
    };
  }
}

/** Null when a codec fails: the store then encodes as it writes, and reports what it meets there. */
function encodeForStore(bytes: Uint8Array, activity: Activity): EncodedForStore | null {
  try {
    return { raw: encodeRawFile(bytes), samples: encodeSamplesRow(activity.samples) };
  } catch {
    return null;
  }
}
