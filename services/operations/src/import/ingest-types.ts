import type { Athlete, DuplicateReason, FileArrival } from '@runcue/store';
import type { NoSummary } from './no-summary.ts';
import type { UseCaseErrorCode } from '../error-codes.ts';

/**
 * The seam between the ways files arrive (folder watcher, upload API, `runcue import`) and the
 * transaction that stores them. Every path in calls one `IngestFile` and reports its outcome.
 */

export interface IncomingFile {
  athleteId: string;
  /**
   * The athlete behind `athleteId` when the caller has just read it (an upload's token check
   * returns it): the file is then read with these settings instead of looking the athlete up again.
   */
  athlete?: Athlete;
  bytes: Uint8Array;
  /** File name as the runner would recognise it, e.g. '2026-11-20-07-31-02.fit' or 'export.zip!/a/b.fit'. */
  name: string;
  /** How it arrived: a watched folder, the upload API or `runcue import`. */
  arrival: FileArrival;
  /**
   * True when it was taken out of a zip (a Garmin Connect export), however the zip arrived: an
   * export is history, so its runs are stored and analysed but never emailed.
   */
  fromArchive: boolean;
  /** Where it came from: the absolute path for files on disk, the client address for uploads. */
  origin: string | null;
}

export interface IngestError {
  /** Stable code, e.g. 'FIT_TRUNCATED', 'FIT_NOT_ACTIVITY', 'FILE_TOO_LARGE'. */
  code: UseCaseErrorCode;
  message: string;
}

/** The stored run's sport, start (ISO 8601) and distance as its activity row holds them. */
export interface StoredRun {
  sport: string;
  startTime: string;
  distanceM: number | null;
}

export type IngestOutcome =
  | {
      status: 'imported';
      fileId: string;
      activityId: string;
      /** Why this activity got no post-run email; absent when its summary was queued. */
      noSummary?: NoSummary;
      /** What was stored for the run, for a log line without reading it back. */
      run?: StoredRun;
    }
  | { status: 'duplicate'; fileId: string; duplicateOf: string; reason: DuplicateReason }
  | { status: 'failed'; fileId: string; error: IngestError };

export type IngestFile = (file: IncomingFile) => Promise<IngestOutcome>;
