import type { Migration } from '../migration.ts';

/**
 * Watchers and archive re-runs ask "have I already stored this path at this size?" for every file
 * in a folder; without an index that is a scan of every kept file (bytes included) per question.
 */
export const filesOriginIndex: Migration = {
  version: 2,
  name: 'files-origin-index',
  statements: ['CREATE INDEX files_origin ON files (origin, size_bytes)'],
};
