import type { Db } from './db.ts';
import { initialSchema } from './migrations/001-initial-schema.ts';
import { filesOriginIndex } from './migrations/002-files-origin-index.ts';
import { filesArrival } from './migrations/003-files-arrival.ts';
import { compactRawFiles } from './migrations/004-compact-raw-files.ts';
import { remoteSources } from './migrations/005-remote-sources.ts';
import { athleteUnits } from './migrations/006-athlete-units.ts';
import { outboxTransmit } from './migrations/007-outbox-transmit.ts';
import { painMilestones } from './migrations/008-pain-milestones.ts';
import { outboxWithdrawn } from './migrations/009-outbox-withdrawn.ts';
import { filesPending } from './migrations/010-files-pending.ts';

/**
 * Versioned schema changes. Each migration is a list of single statements (PGlite runs one
 * statement per query), applied in order inside one transaction and recorded in
 * `schema_migrations`; a new version is a new file in `migrations/` appended to `migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const migrations: readonly Migration[] = [
  initialSchema,
  filesOriginIndex,
  filesArrival,
  compactRawFiles,
  remoteSources,
  athleteUnits,
  outboxTransmit,
  painMilestones,
  outboxWithdrawn,
  filesPending,
];

export interface MigrationResult {
  /** Versions applied by this call, in order. */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** Arbitrary, fixed key for the advisory lock that serialises concurrent `migrate` calls. */
const MIGRATION_LOCK_KEY = 7_316_042;

/**
 * Bring the schema up to the newest migration. Safe to call on every start: already-applied
 * versions are skipped, and two processes starting at once queue on an advisory lock so only one
 * applies anything. Everything happens in one transaction, so a failure leaves the schema as it was.
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<MigrationResult> {
  // Every command starts here, and the schema is nearly always current: one query tells so,
  // without the transaction, the lock and the CREATE TABLE (three round trips more).
  const current = await appliedVersions(db);
  if (current && list.every((m) => current.has(m.version)))
    return { applied: [], version: current.size === 0 ? 0 : Math.max(...current) };
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const doneVersions = new Set(done.rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of [...list].sort((a, b) => a.version - b.version)) {
      if (doneVersions.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    const versions = [...doneVersions, ...applied];
    return { applied, version: versions.length === 0 ? 0 : Math.max(...versions) };
  });
}

/** The versions recorded as applied, or null when the table is not there yet (a new database). */
async function appliedVersions(db: Db): Promise<Set<number> | null> {
  try {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    return new Set(rows.map((r) => r.version));
  } catch {
    return null;
  }
}
