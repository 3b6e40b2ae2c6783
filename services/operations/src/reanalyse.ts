import { ANALYSIS_VERSION, analyseRun, type AnalysisOptions, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, isFitError } from '@runcue/fit';
import {
  activitiesNeedingAnalysis,
  getActivity,
  getAthlete,
  getFileBytes,
  RawFileCodecError,
  saveAnalysis,
  type Athlete,
  type Db,
} from '@runcue/store';
import { athleteAnalysisOptions } from './import/ingest-file.ts';
import { silentLogger, type Logger } from './logger.ts';
import type { UseCaseErrorCode } from './error-codes.ts';

export interface ReanalyseOptions {
  readonly db: Db;
  readonly clock: () => Date;
  /** Where each failure is reported as a warning (the result lists them all the same). */
  readonly logger?: Logger;
  /** The analysis version to bring every activity up to; the current one by default. */
  readonly version?: number;
  /** How many activities are looked up at a time (default 50). */
  readonly batchSize?: number;
  /** Per-athlete analysis thresholds; by default the same ones ingest uses. */
  readonly analysisOptionsFor?: (athlete: Athlete) => Partial<AnalysisOptions>;
  /** When aborted, stops before the next activity and returns what was done so far. */
  readonly signal?: AbortSignal;
}

/** Why one activity could not be analysed again; the others go on regardless. */
export interface ReanalyseFailure {
  readonly activityId: string;
  /** 'FILE_BYTES_MISSING', 'ATHLETE_NOT_FOUND', a decoder code such as 'FIT_TRUNCATED', or 'INTERNAL'. */
  readonly code: UseCaseErrorCode;
  readonly message: string;
}

export interface ReanalyseResult {
  /** Activities that now have an analysis of the requested version. */
  readonly done: number;
  readonly failed: ReanalyseFailure[];
}

type Outcome = { ok: true } | { ok: false; code: UseCaseErrorCode; message: string } | { ok: 'gone' };

/**
 * Bring every stored activity up to analysis `version`: each activity without an analysis of that
 * version has its kept raw file decoded again with the current decoder (sessions, laps and timer
 * events included, which the stored samples alone do not carry), analysed with its athlete's
 * options, and saved in a transaction of its own. Older versions stay stored. A failing activity
 * (bytes not kept, a file the decoder now refuses, an analysis bug) is listed with a code and the
 * rest go on. Running it again does nothing; running it while ingest runs is safe, since a newly
 * ingested activity already has the current version. Queues no email.
 */
export async function reanalyseAll(options: ReanalyseOptions): Promise<ReanalyseResult> {
  const { db, clock } = options;
  const version = options.version ?? ANALYSIS_VERSION;
  const batchSize = options.batchSize ?? 50;
  if (!Number.isInteger(version) || version < 1)
    throw new RangeError(`version must be 1 or more, got ${version}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be 1 or more, got ${batchSize}`);
  const logger = options.logger ?? silentLogger;
  const optionsFor = options.analysisOptionsFor ?? athleteAnalysisOptions;

  let done = 0;
  const failed: ReanalyseFailure[] = [];
  // Failed activities still lack the version, so the query returns them again: skip them.
  const skip = new Set<string>();
  for (;;) {
    const ids = (await activitiesNeedingAnalysis(db, version, batchSize + skip.size)).filter(
      (id) => !skip.has(id),
    );
    if (ids.length === 0) break;
    for (const activityId of ids) {
      if (options.signal?.aborted) return { done, failed };
      const outcome = await reanalyseOne(db, activityId, version, optionsFor, clock);
      if (outcome.ok === true) {
        done += 1;
        continue;
      }
      skip.add(activityId);
      if (outcome.ok === 'gone') continue;
      failed.push({ activityId, code: outcome.code, message: outcome.message });
      logger.warn(`could not analyse activity ${activityId} again: ${outcome.code}: ${outcome.message}`);
    }
  }
  return { done, failed };
}

async function reanalyseOne(
  db: Db,
  activityId: string,
  version: number,
  optionsFor: (athlete: Athlete) => Partial<AnalysisOptions>,
  clock: () => Date,
): Promise<Outcome> {
  try {
    const record = await getActivity(db, activityId);
    if (!record) return { ok: 'gone' }; // deleted since the lookup
    const athlete = await getAthlete(db, record.athleteId);
    if (!athlete)
      return { ok: false, code: 'ATHLETE_NOT_FOUND', message: `No athlete has the id ${record.athleteId}.` };
    const bytes = await getFileBytes(db, record.fileId);
    if (bytes === null) {
      return {
        ok: false,
        code: 'FILE_BYTES_MISSING',
        message: `The raw bytes of file ${record.fileId} were not kept, so this run cannot be read again.`,
      };
    }
    // The kept bytes were accepted under the size limit when they arrived; do not refuse them now.
    const analysis = analyseRun(decodeFit(bytes, { maxBytes: Number.MAX_SAFE_INTEGER }), optionsFor(athlete));
    // `RunAnalysis.version` is typed as the current constant, and saveAnalysis stores a row under
    // the analysis's own `version`. When asked for another version, the saved JSON carries that
    // version, so the row and its JSON always agree on what they are.
    const stored: RunAnalysis =
      analysis.version === version ? analysis : { ...analysis, version: version as RunAnalysis['version'] };
    await db.transaction((tx) => saveAnalysis(tx, activityId, stored, clock()));
    return { ok: true };
  } catch (error) {
    if (isFitError(error) || error instanceof RawFileCodecError)
      return { ok: false, code: error.code, message: error.message };
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'INTERNAL',
      message: `runcue failed while analysing this run again (${detail}).`,
    };
  }
}
