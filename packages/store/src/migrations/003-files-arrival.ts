import type { Migration } from '../migration.ts';

/**
 * How a file arrived and whether it came out of a zip are two facts, not one: `source_kind`
 * mixed them ('archive' meant a zip given to `runcue import`), so a zip dropped in a watched
 * folder or uploaded was not known to be an export. Files tagged 'archive' came from
 * `runcue import`; they become arrival 'cli' taken out of an archive.
 */
export const filesArrival: Migration = {
  version: 3,
  name: 'files-arrival',
  statements: [
    'ALTER TABLE files ADD COLUMN from_archive boolean NOT NULL DEFAULT false',
    'ALTER TABLE files DROP CONSTRAINT files_source_kind_check',
    "UPDATE files SET from_archive = true, source_kind = 'cli' WHERE source_kind = 'archive'",
    'ALTER TABLE files RENAME COLUMN source_kind TO arrival',
    "ALTER TABLE files ADD CONSTRAINT files_arrival_check CHECK (arrival IN ('folder', 'upload', 'cli'))",
  ],
};
