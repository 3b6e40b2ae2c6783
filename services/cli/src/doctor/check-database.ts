import { migrations, type Db, type Query } from '@runcue/store';
import type { Config } from '../config.ts';
import { openDb, type OpenDb } from '../open-db.ts';
import { errorMessage, withTimeout, type Check } from './check.ts';

/** How long the database gets to open and migrate before the check fails. */
const OPEN_TIMEOUT_MS = 15_000;

interface Summary {
  version: number;
  athletes: number;
  activities: number;
  failedFiles: number;
  pendingMail: number;
  failedMail: number;
}

/** The one read the database check makes: schema version and the counts worth a look. */
function summaryQuery(): Query {
  return {
    text: `SELECT (SELECT coalesce(max(version), 0)::int FROM schema_migrations) AS version,
      (SELECT count(*)::int FROM athletes) AS athletes,
      (SELECT count(*)::int FROM activities) AS activities,
      (SELECT count(*)::int FROM files WHERE status = 'failed') AS "failedFiles",
      (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'sending')) AS "pendingMail",
      (SELECT count(*)::int FROM outbox WHERE status = 'failed') AS "failedMail"`,
    values: [],
  };
}

/** The database checks, and the open database for the checks that read from it (null when it failed). */
export interface DatabaseChecks {
  readonly checks: Check[];
  readonly open: OpenDb | null;
}

/**
 * Opens the configured database the way every command does (migrating it, or going through a
 * running `runcue start` that holds the embedded one) and reports its schema version and the
 * counts that point at trouble: files that could not be read and mail that has not gone out.
 */
export async function checkDatabase(config: Config): Promise<DatabaseChecks> {
  let open: OpenDb;
  try {
    open = await withTimeout(openDb(config), OPEN_TIMEOUT_MS, 'the database', (late) => void late.close());
  } catch (err) {
    const hint =
      config.databaseUrl === null
        ? `check that ${config.home} is writable, or run 'runcue start' again to see its error`
        : 'check RUNCUE_DATABASE_URL (host, port, user, database name) and that PostgreSQL is running';
    return { checks: [{ status: 'fail', name: 'database', message: errorMessage(err), hint }], open: null };
  }
  try {
    return { checks: summaryChecks(await readSummary(open.db), open.where), open };
  } catch (err) {
    return {
      checks: [
        {
          status: 'fail',
          name: 'database',
          message: `opened ${open.where} but cannot read it: ${errorMessage(err)}`,
        },
      ],
      open,
    };
  }
}

async function readSummary(db: Db): Promise<Summary> {
  const q = summaryQuery();
  const { rows } = await db.query<Summary>(q.text, q.values);
  const row = rows[0];
  if (row === undefined) throw new Error('the summary query returned no row');
  return row;
}

function summaryChecks(s: Summary, where: string): Check[] {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const checks: Check[] = [
    {
      status: s.version === latest ? 'ok' : 'warn',
      name: 'database',
      message: `${where} opens, schema version ${s.version}${s.version === latest ? '' : ` (this runcue knows ${latest})`}; ${plural(s.athletes, 'athlete')}, ${plural(s.activities, 'activity', 'activities')}`,
      ...(s.version > latest ? { hint: 'a newer runcue migrated this database; update runcue' } : {}),
    },
  ];
  checks.push(
    s.failedFiles === 0
      ? { status: 'ok', name: 'files', message: 'no file failed to import' }
      : {
          status: 'warn',
          name: 'files',
          message: `${plural(s.failedFiles, 'file')} could not be read`,
          hint: "see which and why with 'runcue files --failed'",
        },
  );
  const mail = `${s.pendingMail} waiting, ${s.failedMail} failed`;
  checks.push(
    s.failedMail === 0
      ? { status: 'ok', name: 'outbox', message: mail }
      : {
          status: 'warn',
          name: 'outbox',
          message: mail,
          hint: "see the errors with 'runcue outbox --status failed' and resend with 'runcue outbox retry <id>'",
        },
  );
  return checks;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
