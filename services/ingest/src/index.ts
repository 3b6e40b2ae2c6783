export { createFolderWatcher } from './folder-watcher.ts';
export type { FolderWatcher, FolderWatcherOptions, WatchedFolder } from './folder-watcher.ts';
export { createApi } from './api/create-api.ts';
export type { ApiOptions } from './api/create-api.ts';
export { ApiError, httpStatuses, httpStatusFor } from './api/error-codes.ts';
export type { ApiErrorCode, ApiReachableCode } from './api/error-codes.ts';
export { realScheduler } from './scheduler.ts';
export type { Scheduler } from './scheduler.ts';
export { IntervalsError, isIntervalsError } from './intervals/intervals-error.ts';
export type { IntervalsErrorCode } from './intervals/intervals-error.ts';
export { createIntervalsPoller, INTERVALS_BASE_URL } from './intervals/intervals-poller.ts';
export type { IntervalsPoller, IntervalsPollerOptions, PollReport } from './intervals/intervals-poller.ts';
export { checkIntervalsLogin } from './intervals/check-login.ts';
export type { CheckLoginOptions } from './intervals/check-login.ts';
export {
  DEFAULT_SEARCH_ROOTS,
  findWatchMounts,
  mountOf,
  needsPolling,
  parseMountTable,
  readProcMounts,
} from './watch-mounts.ts';
export type { MountEntry, SearchRoot, WatchMount, WatchSearch } from './watch-mounts.ts';
export { createWatchDeviceWatcher } from './watch-device-watcher.ts';
export type { WatchDeviceWatcher, WatchDeviceWatcherOptions } from './watch-device-watcher.ts';
