import type { Migration } from '../migration.ts';

/**
 * Sources that are not a fixed folder: `watch` (whatever Garmin watch is connected, wherever the
 * desktop mounts it) and `intervals` (an intervals.icu account, polled over its API). A remote
 * source keeps its secret (the API key: it must be sent, so it cannot be hashed like an upload
 * token), a resumable cursor, and the outcome of its last sync. `source_items` records each remote
 * item handled once, so an activity seen again in an overlapping window is not downloaded again.
 * Files fetched from intervals.icu say so in `files.arrival`.
 */
export const remoteSources: Migration = {
  version: 5,
  name: 'remote-sources',
  statements: [
    `ALTER TABLE sources DROP CONSTRAINT sources_kind_check`,
    `ALTER TABLE sources ADD CONSTRAINT sources_kind_check CHECK (kind IN ('folder', 'watch', 'intervals'))`,
    `ALTER TABLE sources ADD COLUMN secret text`,
    `ALTER TABLE sources ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb`,
    `ALTER TABLE sources ADD COLUMN cursor jsonb`,
    `ALTER TABLE sources ADD COLUMN last_synced_at timestamptz`,
    `ALTER TABLE sources ADD COLUMN last_error_code text`,
    `ALTER TABLE sources ADD COLUMN last_error_message text`,
    `ALTER TABLE sources ADD COLUMN last_error_at timestamptz`,
    `ALTER TABLE files DROP CONSTRAINT files_arrival_check`,
    `ALTER TABLE files ADD CONSTRAINT files_arrival_check CHECK (arrival IN ('folder', 'upload', 'cli', 'intervals'))`,
    `CREATE TABLE source_items (
      source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      item_id text NOT NULL,
      file_id uuid REFERENCES files (id) ON DELETE SET NULL,
      outcome text NOT NULL,
      detail text,
      handled_at timestamptz NOT NULL,
      PRIMARY KEY (source_id, item_id)
    )`,
  ],
};
