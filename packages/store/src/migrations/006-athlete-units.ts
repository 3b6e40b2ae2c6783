import type { Migration } from '../migration.ts';

/**
 * An athlete's units take the words the runner types and reads, 'km' or 'mi' (they were stored as
 * 'metric' and 'imperial' while the CLI and the reports said 'km' and 'mi').
 */
export const athleteUnits: Migration = {
  version: 6,
  name: 'athlete-units',
  statements: [
    `ALTER TABLE athletes DROP CONSTRAINT athletes_units_check`,
    `UPDATE athletes SET units = CASE units WHEN 'imperial' THEN 'mi' ELSE 'km' END`,
    `ALTER TABLE athletes ALTER COLUMN units SET DEFAULT 'km'`,
    `ALTER TABLE athletes ADD CONSTRAINT athletes_units_check CHECK (units IN ('km', 'mi'))`,
  ],
};
