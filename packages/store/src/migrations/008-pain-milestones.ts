import type { Migration } from '../migration.ts';

/**
 * Milestones in a runner's pain log that only the runner can record: a professional has cleared
 * them after a red flag (`cleared`), or they finished the walk/run return plan (`return-done`).
 * A red flag stays in force until a `cleared` row after it; nothing expires on its own.
 */
export const painMilestones: Migration = {
  version: 8,
  name: 'pain-milestones',
  statements: [
    `CREATE TABLE pain_milestones (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('cleared', 'return-done')),
      note text,
      at timestamptz NOT NULL
    )`,
    `CREATE INDEX pain_milestones_athlete_kind_at ON pain_milestones (athlete_id, kind, at)`,
  ],
};
