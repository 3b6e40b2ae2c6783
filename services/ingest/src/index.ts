export { createFolderWatcher } from './folder-watcher.ts';
export type { FolderWatcher, FolderWatcherOptions, WatchedFolder } from './folder-watcher.ts';
export { createApi } from './api/create-api.ts';
export type { ApiOptions } from './api/create-api.ts';
export { ApiError, httpStatusFor } from './api/error-codes.ts';
