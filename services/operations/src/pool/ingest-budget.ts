import { codedErrors, type CodeOf } from '@runcue/errors';

/** Why a file was refused for what reading it would cost, each limit with its own code. */
export type BudgetErrorCode = CodeOf<typeof BudgetError>;

/** A file that would cost more to read than one activity may: refused, its bytes kept as failed. */
export class BudgetError extends codedErrors([
  'BUDGET_TOO_MANY_RECORDS',
  'BUDGET_TOO_MANY_SAMPLES',
  'BUDGET_TOO_SLOW',
  'BUDGET_TOO_MUCH_MEMORY',
]) {}

/**
 * What reading one FIT file may cost. The decompressed size of a file is limited where it is
 * taken out of its archive (`ArchiveLimits.maxEntryBytes`) and by `decodeFit`'s `maxBytes`.
 */
export interface IngestBudget {
  /** Data messages in the file, counted before decoding (a 1 MB file can hold a million). */
  readonly maxRecords: number;
  /** Samples of the decoded activity. */
  readonly maxSamples: number;
  /** Wall time of decoding and analysing it in a worker, from the moment the worker takes it. */
  readonly maxMs: number;
  /** Heap of a worker thread (V8's old generation, MB); a file that needs more is refused. */
  readonly maxHeapMb: number;
}

/** 48 hours at 10 samples a second: more than any watch records for one activity. */
export const MAX_SAMPLES = 48 * 3600 * 10;

/**
 * The default budget. A watch writes one record a second (some 10 a second), plus a few events,
 * laps and heart-rate-variability messages; 48 h at 10 Hz bounds both the messages of a file and
 * the samples of an activity. A real run of that length decodes and analyses in a few seconds.
 */
export const defaultIngestBudget: IngestBudget = Object.freeze({
  maxRecords: MAX_SAMPLES,
  maxSamples: MAX_SAMPLES,
  maxMs: 60_000,
  maxHeapMb: 1024,
});
