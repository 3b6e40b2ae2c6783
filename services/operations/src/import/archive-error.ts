import { codedErrors, type CodeOf } from '@runcue/errors';

/**
 * Why an archive (a zip, a gzip, or a file inside one) could not be read. Each limit has its own
 * code so a runner, a log reader or an API client can tell a zip bomb from a broken download.
 */
export type ArchiveErrorCode = CodeOf<typeof ArchiveError>;

export class ArchiveError extends codedErrors([
  'ARCHIVE_CORRUPT',
  'ARCHIVE_UNSAFE_PATH',
  'ARCHIVE_TOO_MANY_ENTRIES',
  'ARCHIVE_ENTRY_TOO_LARGE',
  'ARCHIVE_TOO_LARGE',
  'ARCHIVE_TOO_DEEP',
  'ARCHIVE_RATIO_EXCEEDED',
  'ARCHIVE_ENTRY_ENCRYPTED',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
]) {}

/** Limits that keep a hostile or broken archive from exhausting memory or time. */
export interface ArchiveLimits {
  /** Uncompressed bytes of one entry (and of one gunzipped file). */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of everything taken out of one archive, nested archives included. */
  readonly maxTotalBytes: number;
  /** Entries in one archive, nested archives included. */
  readonly maxEntries: number;
  /** Zips inside zips: 1 means a zip may hold zips, which may not hold zips. */
  readonly maxDepth: number;
  /** Largest uncompressed ÷ compressed size of one entry that is still believable. */
  readonly maxRatio: number;
}

/**
 * Defaults sized for a Garmin Connect export (thousands of activities, zips one level deep)
 * while refusing the classic bombs: a 42 KB zip that inflates to petabytes, or zips nested 16 deep.
 */
export function archiveLimits(maxFileBytes: number, overrides: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return Object.freeze({
    maxEntryBytes: maxFileBytes,
    maxTotalBytes: 4 * 1024 * 1024 * 1024,
    maxEntries: 50_000,
    maxDepth: 3,
    maxRatio: 200,
    ...overrides,
  });
}
