import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, runRuncue, spawnRuncue } from './ingest-harness.ts';

describe('runcue athlete, source, files and import on the embedded database', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-cli-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('adds and lists athletes and folders, refusing bad input with codes', async () => {
    const add = await runRuncue(
      [
        'athlete',
        'add',
        '--name',
        'Ada Lovelace',
        '--email',
        'ada@example.org',
        '--tz',
        'Europe/London',
        '--threshold',
        '165',
      ],
      home,
    );
    expect(add.code, add.stderr).toBe(0);
    const list = await runRuncue(['athlete', 'list'], home);
    expect(list.stdout).toMatch(/Ada Lovelace {2}<ada@example\.org> {2}Europe\/London {2}165 spm/);
    const badTz = await runRuncue(
      ['athlete', 'add', '--name', 'B', '--email', 'b@example.org', '--tz', 'Mars/Olympus'],
      home,
    );
    expect(badTz.code).toBe(2);
    expect(badTz.stderr).toContain('runcue: USAGE:');
    const sync = path.join(home, 'Syncthing', 'HealthFit');
    const src = await runRuncue(['source', 'add', 'ada lovelace', sync], home);
    expect(src.code, src.stderr).toBe(0);
    expect(src.stderr).toContain('is not a folder right now');
    expect((await runRuncue(['source', 'list'], home)).stdout).toBe(`${sync}  Ada Lovelace\n`);
    const nobody = await runRuncue(['athlete', 'token', 'nobody'], home);
    expect([nobody.code, nobody.stderr.trim()]).toEqual([
      2,
      'runcue: ATHLETE_NOT_FOUND: No athlete is called or has the email "nobody".',
    ]);
    const missing = await runRuncue(['import', 'Ada Lovelace', path.join(home, 'nope')], home);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('runcue: FILE_NOT_FOUND:')]);
  });

  it('imports with one line per failed file and a summary, and lists the quarantine', async () => {
    const run = await runRuncue(
      ['import', 'ada@example.org', corpus('ActivityLog2/310xt-run.fit'), corpus('elevate/empty.fit')],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('failed  empty.fit  FIT_EMPTY: ');
    expect(run.stdout).toContain('imported 1, duplicates 0, failed 1\n');
    const files = await runRuncue(['files', '--failed'], home);
    expect(files.stdout).toMatch(/^failed .* empty\.fit {2}FIT_EMPTY: /m);
    expect(files.stdout).not.toContain('310xt-run.fit');
  });

  it('serves a second process through runcue start while it holds the embedded database', async () => {
    const start = spawnRuncue(['start', '--no-api'], home);
    try {
      await start.waitForOutput('watching');
      const second = await runRuncue(['athlete', 'list'], home);
      expect([second.code, second.stderr]).toEqual([0, '']);
      expect(second.stdout).toContain('Ada Lovelace');
    } finally {
      start.child.kill('SIGINT');
      expect(await start.exited).toBe(0);
    }
    expect((await runRuncue(['athlete', 'list'], home)).code).toBe(0);
  });
});
