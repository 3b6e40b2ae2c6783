import type { Migration } from '../migration.ts';

/**
 * A file can be `pending`: an upload stored with its bytes and answered at once (the API's
 * `Prefer: respond-async`), not read yet. It is read in the background, and after a restart, and
 * then becomes `imported`, `duplicate` or `failed` like any other file.
 */
export const filesPending: Migration = {
  version: 10,
  name: 'files-pending',
  statements: [
    `ALTER TABLE files DROP CONSTRAINT files_status_check`,
    `ALTER TABLE files ADD CONSTRAINT files_status_check
       CHECK (status IN ('pending', 'imported', 'duplicate', 'failed'))`,
    `CREATE INDEX files_pending ON files (received_at) WHERE status = 'pending'`,
  ],
};
