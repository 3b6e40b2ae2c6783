import { analyseRun, type AnalysisOptions, type RunAnalysis } from '@runcue/analysis';
import { countFitMessages, decodeFit, isFitError, type ActivityWithoutSamples } from '@runcue/fit';
import { encodeRawFile, encodeSamplesRow, type EncodedRawFile, type EncodedSamples } from '@runcue/store';
import type { IngestError } from '../import/ingest-types.ts';
import { BudgetError, type IngestBudget } from './ingest-budget.ts';

/**
 * What reading one FIT file gave: the activity (its samples only in their stored form), its
 * analysis, or why it was refused; either way the file's bytes in their stored form (`raw`, null
 * when the file is over `maxBytes` and not kept). Everything the transaction writes is computed
 * here, so the transaction itself only writes, and a worker hands back no more than that: the
 * decoded samples (fifteen arrays of eight bytes a sample) stay in the thread that decoded them.
 */
export type ComputedFile =
  | {
      readonly ok: true;
      readonly activity: ActivityWithoutSamples;
      readonly analysis: RunAnalysis;
      readonly samples: EncodedSamples;
      readonly raw: EncodedRawFile | null;
    }
  | { readonly ok: false; readonly error: IngestError; readonly raw: EncodedRawFile | null };

export interface ComputeOptions {
  /** Files larger than this are refused unread (FIT_TOO_LARGE). */
  readonly maxBytes: number;
  readonly budget: Pick<IngestBudget, 'maxRecords' | 'maxSamples'>;
  readonly analysisOptions: Partial<AnalysisOptions>;
  /** The file's SHA-256 in hex, when the caller has it: the file is then not hashed again. */
  readonly sha256?: string;
}

/**
 * Decodes and analyses one FIT file within its budget (its data messages are counted before
 * anything is decoded, the activity's samples before it is analysed), and encodes what its
 * transaction will write: the samples and the file's bytes in their stored forms. Never throws for the file's
 * sake: a refusal (FitError, BudgetError) or a bug met on this file comes back as `{ ok: false }`
 * with a stable code ('INTERNAL' for a bug). Runs in a worker thread (`ingest-worker.ts`) or,
 * without a pool, in the caller's thread.
 */
export function computeFile(bytes: Uint8Array, options: ComputeOptions): ComputedFile {
  const read = readFile(bytes, options);
  // Kept whatever the reading gave (a refused file is kept in quarantine), unless too large.
  const raw = bytes.byteLength > options.maxBytes ? null : encodeRawFile(bytes);
  return { ...read, raw };
}

type ReadFile =
  Omit<Extract<ComputedFile, { ok: true }>, 'raw'> | Omit<Extract<ComputedFile, { ok: false }>, 'raw'>;

function readFile(bytes: Uint8Array, options: ComputeOptions): ReadFile {
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
    const activity = decodeFit(bytes, {
      maxBytes: options.maxBytes,
      ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }),
    });
    if (activity.samples.length > maxSamples)
      throw new BudgetError(
        'BUDGET_TOO_MANY_SAMPLES',
        `The activity has ${activity.samples.length} samples; runcue keeps at most ${maxSamples} (48 hours at 10 a second).`,
      );
    const analysis = analyseRun(activity, options.analysisOptions);
    const { samples, ...withoutSamples } = activity;
    return { ok: true, activity: withoutSamples, analysis, samples: encodeSamplesRow(samples) };
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
