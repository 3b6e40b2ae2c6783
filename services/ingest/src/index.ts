export * from './ingest-types.ts';
export { ArchiveError, archiveLimits } from './archive-error.ts';
export type { ArchiveErrorCode, ArchiveLimits } from './archive-error.ts';
export { extractFiles } from './extract-files.ts';
export type { ExtractedItem, ExtractSource } from './extract-files.ts';
export { fileKind, isIgnoredName, isIgnoredPath } from './file-names.ts';
export { walkFolder } from './walk-folder.ts';
export type { FoundFile } from './walk-folder.ts';
export { ingestSource } from './ingest-source.ts';
export type { IngestItem, IngestSourceOptions } from './ingest-source.ts';
export { createFolderWatcher } from './folder-watcher.ts';
export type { FolderWatcher, FolderWatcherOptions, WatchedFolder } from './folder-watcher.ts';
export { silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export { createApi } from './api/create-api.ts';
export type { ApiOptions } from './api/create-api.ts';
export { ApiError, httpStatusFor } from './api/error-codes.ts';
export { importPaths } from './import-paths.ts';
export type { ImportOptions, ImportSummary } from './import-paths.ts';
export { createIngestFile, athleteAnalysisOptions, DEFAULT_SUMMARY_WINDOW_DAYS } from './ingest-file.ts';
export type { ImportedActivity, IngestFileOptions } from './ingest-file.ts';
export { reanalyseAll } from './reanalyse.ts';
export type { ReanalyseFailure, ReanalyseOptions, ReanalyseResult } from './reanalyse.ts';
export { realScheduler } from './scheduler.ts';
export type { Scheduler } from './scheduler.ts';
export { createIntervalsClient } from './intervals/intervals-client.ts';
export type {
  ActivityListing,
  IntervalsActivity,
  IntervalsClient,
  IntervalsClientOptions,
} from './intervals/intervals-client.ts';
export { IntervalsError, isIntervalsError } from './intervals/intervals-error.ts';
export type { IntervalsErrorCode } from './intervals/intervals-error.ts';
export { defaultRetryPolicy, parseRetryAfter } from './intervals/retry-policy.ts';
export type { RetryPolicy } from './intervals/retry-policy.ts';
export { syncIntervals } from './intervals/sync-intervals.ts';
export type { SyncIntervalsOptions, SyncIntervalsSummary } from './intervals/sync-intervals.ts';
export { createIntervalsPoller, INTERVALS_BASE_URL } from './intervals/intervals-poller.ts';
export type { IntervalsPoller, IntervalsPollerOptions, PollReport } from './intervals/intervals-poller.ts';
export { checkIntervalsLogin } from './intervals/check-login.ts';
export type { CheckLoginOptions } from './intervals/check-login.ts';
export {
  DEFAULT_SEARCH_ROOTS,
  defaultWatchSearch,
  findWatchMounts,
  mountOf,
  needsPolling,
  parseMountTable,
  readProcMounts,
} from './watch-mounts.ts';
export type { MountEntry, SearchRoot, WatchMount, WatchSearch } from './watch-mounts.ts';
export { createWatchDeviceWatcher } from './watch-device-watcher.ts';
export type { WatchDeviceWatcher, WatchDeviceWatcherOptions } from './watch-device-watcher.ts';
