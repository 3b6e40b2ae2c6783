import { trustedLocalOffset, type AnalysisOptions, type RunAnalysis } from '@runcue/analysis';
import type { ActivityWithoutSamples } from '@runcue/fit';
import {
  StoreError,
  analysisOptionsOf,
  enqueue,
  findFileBySha256,
  getAthlete,
  insertActivity,
  insertFile,
  insertRun,
  saveAnalysis,
  saveSamples,
  setFileBytes,
  setFileOutcome,
  wantsEmail,
  type Athlete,
  type Db,
  type EncodedRawFile,
  type FileRecord,
} from '@runcue/store';
import { sha256Of } from './sha256.ts';
import type { IncomingFile, IngestFile, IngestOutcome } from './ingest-types.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { noSummaryFor } from './no-summary.ts';
import { fileRowOf } from './file-row.ts';
import type { ComputeOptions, ComputedFile } from '../pool/compute-file.ts';
import { defaultIngestBudget } from '../pool/ingest-budget.ts';
import type { IngestPool } from '../pool/worker-pool.ts';

/** Post-run summaries go out for runs that started at most this many days before they arrived. */
export const DEFAULT_SUMMARY_WINDOW_DAYS = 3;

/** What `onImported` is told after a new activity's transaction committed. */
export interface ImportedActivity {
  readonly athleteId: string;
  readonly fileId: string;
  readonly activityId: string;
  /** True when a 'run-summary' outbox row was queued for it (a recent run, not from an archive). */
  readonly summaryQueued: boolean;
}

export interface IngestFileOptions {
  readonly db: Db;
  readonly clock: () => Date;
  /** Files larger than this are refused unread (FIT_TOO_LARGE) and their bytes are not kept. */
  readonly maxBytes: number;
  /** Per-athlete analysis thresholds; by default the athlete's cadence threshold and numeric `settings`. */
  readonly analysisOptionsFor?: (athlete: Athlete) => Partial<AnalysisOptions>;
  /**
   * A run gets a post-run summary only when it started at most this many days before the clock's
   * time of ingest (default 3), so importing a year of old runs sends no email. Archives never do.
   */
  readonly summaryWindowDays?: number;
  /**
   * Called after each new activity is committed, e.g. to wake the notifier so its summary goes out
   * now rather than at the next poll. It should not throw; if it does, the error is logged and the
   * outcome is returned all the same (the activity is stored).
   */
  readonly onImported?: (imported: ImportedActivity) => void;
  /** Where an `onImported` failure is reported. */
  readonly logger?: Logger;
  /**
   * Worker threads that decode and analyse each file off the event loop, within their budget
   * (`createIngestPool`). Without a pool, files are read in this thread within the default
   * budget's record and sample limits, with no time limit: fine for tests and one-shot scripts,
   * not for a server.
   */
  readonly pool?: IngestPool;
  /**
   * How many files a source reader may begin (decode and analyse) ahead of the one being stored
   * (`StagedIngestFile.lookahead`); by default two per pool thread, and none without a pool.
   */
  readonly lookahead?: number;
}

/**
 * An `IngestFile` that can also start on a file before the ones ahead of it are stored: `begin`
 * hashes, decodes and analyses it now and returns what stores it, to be called in arrival order
 * (each file is still one transaction, taken in that order). A source reader keeps up to
 * `lookahead` files begun ahead of the one being stored.
 */
export interface StagedIngestFile extends IngestFile {
  begin(file: IncomingFile): () => Promise<IngestOutcome>;
  readonly lookahead: number;
}

/** The longest a finished reading is kept for twins still waiting for their turn to be stored. */
const READING_KEPT_MS = 120_000;

/** Two-key advisory lock space for ingest: (INGEST_LOCK_CLASS, hashtext(athlete id)), taken as each file's transaction begins. */
const INGEST_LOCK_CLASS = 7_316_043;

/**
 * Build the function every path in (folder, upload, archive, CLI) stores a file with. Each file is
 * one transaction, serialised per athlete by an advisory lock, so a crash or a concurrent twin
 * leaves either nothing or everything: the file row (raw bytes kept), and for a new run the
 * activity, its samples, its analysis and the athlete's default shoe, plus a 'run-summary' outbox
 * row when the run is recent (see `summaryWindowDays`) and did not come from an archive. Old runs
 * are stored and analysed all the same and count in trends; they only send no email.
 *
 * Outcomes: the same bytes again → duplicate 'same-bytes' (no new row); the same FIT file_id →
 * 'same-file-id'; the same run from another device (start within 60 s, distance within 2%) →
 * 'same-run' (a file row pointing at the first activity). A file the decoder refuses is kept as
 * failed with the decoder's code; a decoder or analysis bug on this file is kept as failed with
 * code 'INTERNAL'. A failed file is read again when it arrives again. Database errors are
 * re-thrown after the rollback, for the caller to log.
 */
export function createIngestFile(options: IngestFileOptions): StagedIngestFile {
  const { db, clock, maxBytes } = options;
  const optionsFor = options.analysisOptionsFor ?? athleteAnalysisOptions;
  const windowDays = options.summaryWindowDays ?? DEFAULT_SUMMARY_WINDOW_DAYS;
  if (!(windowDays >= 0)) throw new RangeError(`summaryWindowDays must be 0 or more, got ${windowDays}`);
  const logger = options.logger ?? silentLogger;
  const pool = options.pool;
  // The file's hash, worked out to find it among the stored files, is not worked out again.
  const compute = (
    bytes: Uint8Array,
    sha256: string,
    analysisOptions: Partial<AnalysisOptions>,
  ): Promise<ComputedFile> =>
    pool
      ? pool.compute(bytes, { maxBytes, analysisOptions, sha256 })
      : computeHere(bytes, { maxBytes, analysisOptions, sha256 });

  // The same bytes arriving while a first copy is read or waits for its turn to be stored (a
  // client that retries, a club's uploads of one shared file, 200 uploads at once) share that
  // reading instead of decoding it again: for the same athlete, or for any athlete read with the
  // same analysis options. A reading is kept until every file that shares it is stored.
  const reading = new Map<string, { computed: Promise<ComputedFile>; holders: number; id: number }>();
  let readings = 0;
  // A file begun and then abandoned (its source's reader stopped early) never releases its
  // reading: it is dropped a while after it finished. The timer holds the reading's key and
  // number, not the reading (an activity's worth of memory).
  const dropLater = (key: string, id: number, computed: Promise<unknown>): void => {
    const drop = () => {
      if (reading.get(key)?.id === id) reading.delete(key);
    };
    const later = () => void setTimeout(drop, READING_KEPT_MS).unref();
    computed.then(later, later);
  };
  const computeOnce = (
    athlete: Athlete,
    sha256: string,
    bytes: Uint8Array,
  ): { computed: Promise<ComputedFile>; release: () => void } => {
    const analysisOptions = optionsFor(athlete);
    const key = sharingKey(sha256, analysisOptions);
    // Options that cannot be written out are not shared: reading them fails in the reading.
    if (key === null) return { computed: compute(bytes, sha256, analysisOptions), release: () => undefined };
    let entry = reading.get(key);
    if (!entry) {
      entry = { computed: compute(bytes, sha256, analysisOptions), holders: 0, id: ++readings };
      reading.set(key, entry);
      dropLater(key, entry.id, entry.computed);
    }
    const held = entry;
    held.holders++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--held.holders === 0 && reading.get(key) === held) reading.delete(key);
    };
    return { computed: held.computed, release };
  };
  // One athlete's files are stored one at a time in this process before they ask the database:
  // a transaction waiting for the athlete's advisory lock would hold a connection (with PGlite,
  // the database) while it waits. The advisory lock still orders processes sharing a database.
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(athleteId: string, work: () => Promise<T>): Promise<T> => {
    const mine = (turns.get(athleteId) ?? Promise.resolve()).then(work, work);
    const done = mine.then(
      () => undefined,
      () => undefined,
    );
    turns.set(athleteId, done);
    void done.then(() => {
      if (turns.get(athleteId) === done) turns.delete(athleteId);
    });
    return mine;
  };

  // Everything that needs no lock: the hash, and the decoding and analysis of a file not stored yet.
  const prepare = async (file: IncomingFile): Promise<Prepared> => {
    const sha256 = await sha256Of(file.bytes);
    const athlete = file.athlete?.id === file.athleteId ? file.athlete : await getAthlete(db, file.athleteId);
    if (!athlete) throw new StoreError('ATHLETE_NOT_FOUND', `No athlete has the id ${file.athleteId}.`);

    const known = await findFileBySha256(db, athlete.id, sha256);
    if (known && isRead(known)) return { sha256, athlete, stored: known };

    const { computed, release } = computeOnce(athlete, sha256, file.bytes);
    try {
      return { sha256, athlete, computed: await computed, release };
    } catch (error) {
      release();
      throw error;
    }
  };

  // `queued` tells the caller below whether this file's transaction queued a summary.
  const commit = async (
    file: IncomingFile,
    prepared: Prepared,
    queued: { summary: boolean },
  ): Promise<IngestOutcome> => {
    if ('stored' in prepared) return sameBytes(prepared.stored);
    const { sha256, athlete, computed } = prepared;
    const receivedAt = clock();

    const lock = { classId: INGEST_LOCK_CLASS, key: athlete.id };
    return inTurn(athlete.id, () =>
      db.transaction(
        async (tx) => {
          const base = {
            ...fileRowOf(file, sha256),
            athleteId: athlete.id,
            // Encoded with the reading (in a worker), not inside the transaction.
            bytes: computed.raw,
            receivedAt,
          } as const;

          if (!computed.ok) {
            const existing = await findFileBySha256(tx, athlete.id, sha256);
            if (existing && isRead(existing)) return sameBytes(existing);
            await keepCompact(tx, existing, computed.raw);
            const fileId =
              existing?.id ?? (await insertFile(tx, { ...base, status: 'failed', error: computed.error }));
            if (fileId === null) throw new Error('file row vanished while the ingest lock was held');
            if (existing) await setFileOutcome(tx, existing.id, { status: 'failed', ...computed.error });
            return { status: 'failed', fileId, error: computed.error };
          }

          const { analysis } = computed;
          const activity = inAthleteZone(computed.activity, athlete.timeZone);
          const distanceM = activityDistanceM(analysis);
          // A new run (nearly every file) is stored by the statement that looks for what it may
          // already be (same bytes, same FIT file_id, same run from elsewhere): file, activity,
          // samples and analysis. Otherwise it writes nothing, and what it found decides below.
          const { matches, stored: inserted } = await insertRun(tx, {
            file: base,
            activity,
            distanceM,
            movingTimeS: analysis.summary.movingTimeS,
            withDefaultShoe: analysis.isRun,
            samples: computed.samples,
            analysis,
            createdAt: receivedAt,
          });
          const existing = matches.file;
          if (existing && isRead(existing)) return sameBytes(existing);
          await keepCompact(tx, existing, computed.raw);
          const duplicate = matches.sameFileId
            ? { of: matches.sameFileId, reason: 'same-file-id' as const }
            : matches.sameRun
              ? { of: matches.sameRun, reason: 'same-run' as const }
              : null;
          let stored: { fileId: string; activityId: string } | null = inserted;
          if (existing || duplicate) {
            const fileId = existing
              ? existing.id
              : await insertFile(tx, { ...base, status: 'duplicate', duplicate });
            if (fileId === null) throw new Error('file row appeared while the ingest lock was held');
            if (existing)
              await setFileOutcome(
                tx,
                existing.id,
                duplicate ? { status: 'duplicate', ...duplicate } : { status: 'imported' },
              );
            if (duplicate)
              return { status: 'duplicate', fileId, duplicateOf: duplicate.of, reason: duplicate.reason };
            // A file that failed before and reads now: its row stays, the run is added to it.
            const activityId = await insertActivity(tx, {
              athleteId: athlete.id,
              fileId,
              activity,
              distanceM,
              movingTimeS: analysis.summary.movingTimeS,
              shoeId: analysis.isRun ? matches.defaultShoeId : null,
              createdAt: receivedAt,
            });
            if (activityId !== null) {
              await saveSamples(tx, activityId, computed.samples);
              await saveAnalysis(tx, activityId, analysis, receivedAt);
              stored = { fileId, activityId };
            }
          }
          if (stored === null)
            throw new Error('a file or activity with this identity appeared while the ingest lock was held');
          const { fileId, activityId } = stored;
          const noSummary = noSummaryFor({
            activityId,
            isRun: analysis.isRun,
            sport: activity.sport,
            fromArchive: file.fromArchive,
            startTime: activity.startTime,
            receivedAt,
            windowDays,
            runEmails: wantsEmail(athlete.settings, 'run-summary'),
          });
          queued.summary = noSummary === null;
          if (queued.summary) {
            await enqueue(tx, {
              athleteId: athlete.id,
              kind: 'run-summary',
              key: activityId,
              payload: { activityId, analysisVersion: analysis.version },
              now: receivedAt,
            });
          }
          const run = { sport: activity.sport, startTime: activity.startTime, distanceM };
          return {
            status: 'imported',
            fileId,
            activityId,
            run,
            ...(noSummary === null ? {} : { noSummary }),
          };
        },
        { lock },
      ),
    );
  };

  const finish = async (file: IncomingFile, prepared: Promise<Prepared>): Promise<IngestOutcome> => {
    const queued = { summary: false };
    const ready = await prepared;
    let outcome: IngestOutcome;
    try {
      outcome = await commit(file, ready, queued);
    } finally {
      if ('release' in ready) ready.release();
    }
    if (outcome.status === 'imported' && options.onImported) {
      try {
        options.onImported({
          athleteId: file.athleteId,
          fileId: outcome.fileId,
          activityId: outcome.activityId,
          summaryQueued: queued.summary,
        });
      } catch (error) {
        logger.error(
          `after importing ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return outcome;
  };

  const ingestFile = (file: IncomingFile) => finish(file, prepare(file));
  return Object.assign(ingestFile, {
    begin(file: IncomingFile) {
      const prepared = prepare(file);
      prepared.catch(() => undefined); // reported by the commit that awaits it
      return () => finish(file, prepared);
    },
    lookahead: Math.max(0, options.lookahead ?? (pool ? 2 * pool.threads : 0)),
  });
}

/**
 * Decodes and analyses a file in this thread, within the default budget's limits. The decoder and
 * the analysis are loaded on first use: with a pool they run in its workers, and a command that
 * imports through one (`runcue import`) does not pay for loading them (@garmin/fitsdk's profile,
 * the analysis) on its main thread as well.
 */
async function computeHere(
  bytes: Uint8Array,
  options: Omit<ComputeOptions, 'budget'>,
): Promise<ComputedFile> {
  const { computeFile } = await import('../pool/compute-file.ts');
  return computeFile(bytes, { ...options, budget: defaultIngestBudget });
}

/** A file hashed, and decoded and analysed unless its bytes are stored already. */
type Prepared =
  | { sha256: string; athlete: Athlete; stored: FileRecord }
  | { sha256: string; athlete: Athlete; computed: ComputedFile; release: () => void };

/**
 * The bytes' hash and the options as JSON with keys in order (equal options give equal text
 * whatever order they were set in), or null when the options cannot be written out.
 */
function sharingKey(sha256: string, options: Partial<AnalysisOptions>): string | null {
  try {
    const json = JSON.stringify(options, (_key, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    );
    return `${sha256} ${json}`;
  } catch {
    return null;
  }
}

/**
 * The activity with the local offset it is shown in: the file's own unless it is more than a day
 * from the athlete's time zone (`trustedLocalOffset`), in which case the athlete's, with the repair
 * in `repairs` and `warnings`, so the run's date agrees with the week it counts in.
 */
function inAthleteZone(activity: ActivityWithoutSamples, timeZone: string): ActivityWithoutSamples {
  const { offsetS, repair } = trustedLocalOffset(activity.startTime, activity.localOffsetS, timeZone);
  if (repair === null) return activity;
  return {
    ...activity,
    localOffsetS: offsetS,
    repairs: [...(activity.repairs ?? []), repair],
    warnings: [...activity.warnings, repair],
  };
}

/** The athlete's cadence threshold plus their analysis overrides (`athleteSettingsSchema`). */
export function athleteAnalysisOptions(athlete: Athlete): Partial<AnalysisOptions> {
  return analysisOptionsOf(athlete);
}

/**
 * The run's distance as the analysis measured it: only running sessions count and only what the
 * records hold, so the list, the detail, the report and weekly load agree (a device's session
 * total would give a triathlon's whole race, or a truncated file's lost kilometres).
 */
function activityDistanceM(analysis: RunAnalysis): number | null {
  return Number.isFinite(analysis.summary.distanceM) ? analysis.summary.distanceM : null;
}

/** True once a file has been read: not failed (read again when it comes again) and not pending. */
function isRead(file: FileRecord): boolean {
  return file.status !== 'failed' && file.status !== 'pending';
}

/** A pending upload was kept as it came: once read, it is kept in the compact form. */
async function keepCompact(db: Db, existing: FileRecord | null, raw: EncodedRawFile | null): Promise<void> {
  if (existing?.status === 'pending' && raw) await setFileBytes(db, existing.id, raw);
}

function sameBytes(file: FileRecord): IngestOutcome {
  const duplicateOf = file.activityId ?? file.duplicateOf;
  if (duplicateOf === null) throw new Error(`file ${file.id} is ${file.status} but points at no activity`);
  return { status: 'duplicate', fileId: file.id, duplicateOf, reason: 'same-bytes' };
}
