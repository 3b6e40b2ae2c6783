import type { Migration } from '../migration.ts';

/**
 * Raw files are kept compressed from now on (`raw-file-codec.ts`); `bytes_encoding` says how each
 * row's `bytes` are stored. Every row written before is the file itself (encoding 0) and keeps
 * reading as it is: nothing is rewritten. `bytes` is stored as is (EXTERNAL): it is compressed
 * already, so PostgreSQL's own compression would only spend time finding that out.
 */
export const compactRawFiles: Migration = {
  version: 4,
  name: 'compact-raw-files',
  statements: [
    'ALTER TABLE files ADD COLUMN bytes_encoding smallint NOT NULL DEFAULT 0 CHECK (bytes_encoding IN (0, 1, 2))',
    'ALTER TABLE files ALTER COLUMN bytes SET STORAGE EXTERNAL',
    'ALTER TABLE samples ALTER COLUMN channels SET STORAGE EXTERNAL',
  ],
};
