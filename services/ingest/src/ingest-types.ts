/**
 * The seam between the ways files arrive (folder watcher, upload API, archive import) and the
 * transaction that stores them. Every path in calls one `IngestFile` and reports its outcome.
 */

export type IngestSource = 'folder' | 'upload' | 'archive' | 'cli' | 'intervals';

export interface IncomingFile {
  athleteId: string;
  bytes: Uint8Array;
  /** File name as the runner would recognise it, e.g. '2026-11-20-07-31-02.fit' or 'export.zip!/a/b.fit'. */
  name: string;
  source: IngestSource;
  /** Where it came from: the absolute path for folder/archive files, the client address for uploads. */
  origin: string | null;
}

export type DuplicateReason = 'same-bytes' | 'same-file-id' | 'same-run';

export interface IngestError {
  /** Stable code, e.g. 'FIT_TRUNCATED', 'FIT_NOT_ACTIVITY', 'FILE_TOO_LARGE'. */
  code: string;
  message: string;
}

export type IngestOutcome =
  | { status: 'imported'; fileId: string; activityId: string }
  | { status: 'duplicate'; fileId: string; duplicateOf: string; reason: DuplicateReason }
  | { status: 'failed'; fileId: string; error: IngestError };

export type IngestFile = (file: IncomingFile) => Promise<IngestOutcome>;
