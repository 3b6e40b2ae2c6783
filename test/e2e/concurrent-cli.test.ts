import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { latestPainEntries, listAthletes, resolveAthlete } from '@runcue/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, freePort, openHomeDb, runRuncue, spawnRuncue } from './ingest-harness.ts';
import type { Runcue } from './ingest-harness.ts';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe('one-shot runcue commands while runcue start holds the embedded database', () => {
  let home: string;
  let start: Runcue;
  let api: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-concurrent-'));
    const port = await freePort();
    start = spawnRuncue(['start', '--port', String(port)], home);
    await start.waitForOutput('watching');
    api = `http://127.0.0.1:${port}/api/v1`;
  });
  afterAll(async () => {
    start.child.kill('SIGKILL');
    await rm(home, { recursive: true, force: true });
  });

  it('runs athlete add, pain, files and import at the same time, and the server sees their writes', async () => {
    const lock = JSON.parse(await readFile(path.join(home, 'db.lock'), 'utf8')) as {
      pid: number;
      socketDir: string;
    };
    expect(lock).toEqual({ pid: start.child.pid, socketDir: path.join(home, 'socket') });
    const [add, pain, files, imported] = await Promise.all([
      runRuncue(
        ['athlete', 'add', '--name', 'Ada Lovelace', '--email', 'ada@example.org', '--tz', 'Europe/London'],
        home,
      ),
      runRuncue(['pain', '4', '--athlete', 'me', '--where', 'lower-back'], home),
      runRuncue(['files'], home),
      runRuncue(['import', 'me', corpus('ActivityLog2/310xt-run.fit')], home),
    ]);
    for (const r of [add, pain, files, imported]) expect(r.code, r.stderr).toBe(0);
    expect(pain.stdout).toMatch(/^logged 4\/10 \(lower-back\) for me/);
    expect(imported.stdout).toContain('imported 1, duplicates 0, failed 0');
    const listed = await runRuncue(['files'], home);
    const activityId = /^imported .* 310xt-run\.fit {2}(\S+)$/m.exec(listed.stdout)?.[1];
    expect(activityId, listed.stdout).toMatch(/^[0-9a-f-]{36}$/);

    const token = await runRuncue(['athlete', 'token', 'me'], home);
    expect(token.code, token.stderr).toBe(0);
    const res = await fetch(`${api}/activities`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ id: string; sport: string }> };
    expect(body.activities.map((a) => [a.id, a.sport])).toEqual([[activityId, 'running']]);

    const list = await runRuncue(['athlete', 'list'], home);
    expect(list.stdout).toContain('Ada Lovelace  <ada@example.org>  Europe/London');
    expect(start.stderr).toBe('');
  });

  it('refuses a second runcue start on the same home', async () => {
    const second = await runRuncue(['start', '--no-api'], home);
    expect([second.code, second.stderr]).toEqual([
      2,
      expect.stringContaining(`runcue: DB_IN_USE: another runcue process (pid ${String(start.child.pid)})`),
    ]);
  });

  it('opens the database directly once the server is killed with SIGKILL, taking its stale lock over', async () => {
    start.child.kill('SIGKILL');
    await start.exited;
    expect(await exists(path.join(home, 'db.lock'))).toBe(true);
    const files = await runRuncue(['files'], home);
    expect(files.code, files.stderr).toBe(0);
    expect(files.stdout).toMatch(/^imported .*310xt-run\.fit/m);
    expect(await exists(path.join(home, 'db.lock'))).toBe(false);

    const { db, close } = await openHomeDb(home);
    try {
      expect((await listAthletes(db)).map((a) => a.name).sort()).toEqual(['Ada Lovelace', 'me']);
      const me = await resolveAthlete(db, 'me');
      expect((await latestPainEntries(db, me.id)).map((p) => [p.score, p.where])).toEqual([
        [4, 'lower-back'],
      ]);
    } finally {
      await close();
    }
  });
});
