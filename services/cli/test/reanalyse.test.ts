import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.ts';

const corpus = path.resolve(repoRoot, '../shared/fit-corpus');
const RUNS = ['ActivityLog2/920xt-run.fit', 'ActivityLog2/310xt-run.fit'].map((f) => path.join(corpus, f));

describe('runcue reanalyse', () => {
  let home: string;
  const env = () => ({ RUNCUE_HOME: home, RUNCUE_DATABASE_URL: undefined });
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-reanalyse-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  /** Runs SQL on the embedded database while no runcue process holds it. */
  async function sql(text: string): Promise<Array<Record<string, unknown>>> {
    const db = await PGlite.create(path.join(home, 'db'));
    try {
      return (await db.query<Record<string, unknown>>(text)).rows;
    } finally {
      await db.close();
    }
  }

  it('analyses imported runs that lack the current version, lists a run it cannot read, and then has nothing to do', async () => {
    const added = await runCli(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org'], env());
    expect(added.code).toBe(0);
    const imported = await runCli(['import', 'Ada', ...RUNS], env());
    expect(imported.stdout).toContain('imported 2, duplicates 0, failed 0');

    // Nothing is missing right after an import.
    const none = await runCli(['reanalyse'], env());
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('reanalysed 0 runs, 0 failed\n');

    // As after an upgrade: the stored analyses are not of the current version, and one file's
    // raw bytes were never kept.
    await sql('DELETE FROM analyses');
    const [lost] = await sql(
      `UPDATE files SET bytes = NULL WHERE id = (SELECT file_id FROM activities ORDER BY start_time LIMIT 1)
       RETURNING (SELECT id::text FROM activities a WHERE a.file_id = files.id) AS activity`,
    );
    const run = await runCli(['reanalyse'], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('reanalysed 1 run, 1 failed');
    expect(lines[1]).toMatch(new RegExp(`^failed  activity ${String(lost?.activity)}  FILE_BYTES_MISSING: `));
    expect(lines).toHaveLength(2);
    const [count] = await sql('SELECT count(*)::int AS n FROM analyses');
    expect(count?.n).toBe(1);

    const again = await runCli(['reanalyse'], env());
    expect(again.stdout.split('\n')[0]).toBe('reanalysed 0 runs, 1 failed');
  }, 120_000);
});
