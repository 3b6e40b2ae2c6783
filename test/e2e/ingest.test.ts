import { copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { watch as watchFiles } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpus, freePort, openHomeDb, runRuncue, spawnRuncue, storedZip } from './ingest-harness.ts';
import type { Runcue } from './ingest-harness.ts';

const WATCHED_SLOW = ['ActivityLog2/310xt-run.fit', 'python-fitparse/garmin-fenix-5-run.fit'];
const WATCHED_TWICE = 'elevate/20171011_run_2088390344.fit';
const ZIPPED = ['gpsbabel/garmin-forerunner-10.fit', 'sports-lib/2067489619.fit'];
const UPLOADED = ['Runalyze/Standard.fit', 'sportstracker/Garmin_Fenix_6S_Pro-Running.fit'];

const homes: string[] = [];
const children: Runcue[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  for (const h of homes.splice(0)) await rm(h, { recursive: true, force: true });
});

async function tempHome(): Promise<string> {
  const home = await mkdtemp(path.join(tmpdir(), 'runcue-e2e-'));
  homes.push(home);
  return home;
}

async function writeSlowly(source: string, target: string): Promise<void> {
  const bytes = await readFile(source);
  const handle = await open(target, 'w');
  const step = Math.ceil(bytes.length / 4);
  for (let i = 0; i < bytes.length; i += step) {
    await handle.write(bytes.subarray(i, i + step));
    await handle.sync();
    await new Promise((r) => setTimeout(r, 300));
  }
  await handle.close();
}

/**
 * Resolves once the write-ahead log of the embedded database in `home` has been written `n` times
 * while `counting()` holds.
 */
function walWrites(home: string, n: number, counting: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const watcher = watchFiles(path.join(home, 'db', 'pg_wal'), () => {
      if (counting()) seen += 1;
      if (seen < n) return;
      watcher.close();
      resolve();
    });
  });
}

describe('runcue start: folder sync and the upload API in one process', () => {
  it('imports what arrives by folder and by HTTP, records duplicates and quarantines broken files', async () => {
    const home = await tempHome();
    const watch = path.join(home, 'watch');
    await mkdir(path.join(watch, 'GARMIN', 'ACTIVITY'), { recursive: true });
    expect(
      (
        await runRuncue(
          ['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org', '--tz', 'Europe/Berlin'],
          home,
        )
      ).code,
    ).toBe(0);
    const tokenRun = await runRuncue(['athlete', 'token', 'ada@example.org'], home);
    const token = tokenRun.stdout.trim();
    expect(token).toMatch(/^rct_/);
    expect((await runRuncue(['source', 'add', 'Ada', watch], home)).code).toBe(0);
    // A file already there at start-up.
    await copyFile(corpus(WATCHED_TWICE), path.join(watch, 'GARMIN', 'ACTIVITY', 'C1.FIT'));

    const port = await freePort();
    const runcue = spawnRuncue(['start', '--port', String(port)], home);
    children.push(runcue);
    await runcue.waitForOutput(`watching ${watch}`);
    expect(runcue.stdout).toContain(`http://127.0.0.1:${port}`);

    await Promise.all(WATCHED_SLOW.map((f, i) => writeSlowly(corpus(f), path.join(watch, `slow-${i}.fit`))));
    await copyFile(corpus(WATCHED_TWICE), path.join(watch, 'C2.fit'));
    const zip = storedZip(
      await Promise.all(
        ZIPPED.map(async (f) => ({
          name: `DI_CONNECT/${path.basename(f)}`,
          data: await readFile(corpus(f)),
        })),
      ),
    );
    await writeFile(path.join(watch, 'export.zip'), zip);
    await copyFile(corpus('elevate/._empty.fit'), path.join(watch, 'broken.fit'));
    await copyFile(corpus('elevate/empty.fit'), path.join(watch, 'empty.fit'));
    await writeFile(path.join(watch, '.syncthing.half.fit.tmp'), 'partial');

    const api = `http://127.0.0.1:${port}/api/v1`;
    const post = (bytes: Uint8Array, name: string, auth = `Bearer ${token}`) =>
      fetch(`${api}/uploads?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
    const created: Array<{ activityId: string }> = [];
    for (const f of UPLOADED) {
      const res = await post(await readFile(corpus(f)), path.basename(f));
      expect(res.status).toBe(201);
      created.push((await res.json()) as { activityId: string });
    }
    const dup = await post(await readFile(corpus(UPLOADED[0] ?? '')), 'again.fit');
    expect(dup.status).toBe(200);
    expect(((await dup.json()) as { duplicateOf: string }).duplicateOf).toBe(created[0]?.activityId);
    const bad = await post(Buffer.from('this is a note, not a FIT file\n'.repeat(20)), 'note.fit');
    expect(bad.status).toBe(422);
    expect((await post(await readFile(corpus(UPLOADED[1] ?? '')), 'x.fit', 'Bearer rct_wrong')).status).toBe(
      401,
    );

    // 2 slow + 1 twice + 2 zipped (folder) + 2 uploaded = 7 runs.
    // Waits for the outcome of every file by its name: a count of outcome lines could be reached
    // while one run's line was still to come.
    const names = [
      'C1.FIT',
      'C2.fit',
      ...WATCHED_SLOW.map((_, i) => `slow-${i}.fit`),
      ...[...ZIPPED, ...UPLOADED].map((f) => path.basename(f)),
      'again.fit',
      'note.fit',
      'broken.fit',
      'empty.fit',
    ];
    for (const name of names)
      await runcue.waitForOutput(
        new RegExp(`^(imported|duplicate|failed) .*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
      );
    const listed = await fetch(`${api}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const { activities } = (await listed.json()) as { activities: Array<{ id: string }> };
    expect(activities.length).toBe(7);
    const detail = await fetch(`${api}/activities/${activities[0]?.id ?? ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { isRun: boolean }).isRun).toBe(true);

    runcue.child.kill('SIGTERM');
    expect(await runcue.exited).toBe(0);
    expect(runcue.stdout).toContain('stopped');

    const { db, close } = await openHomeDb(home);
    try {
      const { rows } = await db.query<{ status: string; name: string; code: string | null }>(
        'SELECT status, original_name AS name, error_code AS code FROM files ORDER BY original_name',
      );
      const by = (s: string) =>
        rows
          .filter((r) => r.status === s)
          .map((r) => path.basename(r.name))
          .sort();
      expect(by('imported')).toEqual([
        '2067489619.fit',
        'C1.FIT',
        'Garmin_Fenix_6S_Pro-Running.fit',
        'Standard.fit',
        'garmin-forerunner-10.fit',
        'slow-0.fit',
        'slow-1.fit',
      ]);
      // Same bytes again are answered from the first file's row, not stored twice.
      expect(rows.length).toBe(7 + 3);
      expect(by('failed')).toEqual(['broken.fit', 'empty.fit', 'note.fit']);
      expect(rows.filter((r) => r.status === 'failed').every((r) => /^FIT_/.test(r.code ?? ''))).toBe(true);
      const orphans = await db.query(
        'SELECT a.id FROM activities a LEFT JOIN samples s ON s.activity_id = a.id LEFT JOIN analyses n ON n.activity_id = a.id WHERE s.activity_id IS NULL OR n.activity_id IS NULL',
      );
      expect(orphans.rows).toEqual([]);
    } finally {
      await close();
    }
    const files = await runRuncue(['files', '--failed'], home);
    expect(files.stdout.split('\n').filter((l) => l.startsWith('failed')).length).toBe(3);
    // The watched folder is exactly as it was left: nothing moved, renamed or deleted.
    expect((await readdir(watch)).sort()).toEqual([
      '.syncthing.half.fit.tmp',
      'C2.fit',
      'GARMIN',
      'broken.fit',
      'empty.fit',
      'export.zip',
      'slow-0.fit',
      'slow-1.fit',
    ]);
  });
});

describe('runcue import: crash safety', () => {
  it('after SIGKILL mid-import, a re-run loses no file, stores none twice and leaves no half-written rows', async () => {
    const home = await tempHome();
    const folder = path.join(home, 'export');
    await mkdir(folder, { recursive: true });
    const manifest = (await readFile(corpus('MANIFEST.tsv'), 'utf8')).split('\n').slice(1);
    const picked = manifest
      .map((l) => l.split('\t'))
      .filter((c) => c[0] && c[0].toLowerCase().endsWith('.fit') && Number(c[1]) < 400_000)
      .slice(0, 70);
    const shas = new Set<string>();
    for (const [i, c] of picked.entries()) {
      const bytes = await readFile(corpus(c[0] ?? ''));
      shas.add(createHash('sha256').update(bytes).digest('hex'));
      await writeFile(path.join(folder, `${String(i).padStart(3, '0')}-${path.basename(c[0] ?? '')}`), bytes);
    }
    expect(
      (await runRuncue(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org'], home)).code,
    ).toBe(0);

    // Killed once the import has committed a few files: each commit writes the embedded
    // database's write-ahead log, watched here (however fast or busy the machine is).
    const committed = walWrites(home, 5, () => first.stderr.includes('importing'));
    const first = spawnRuncue(['import', 'Ada', folder], home);
    children.push(first);
    await Promise.race([
      committed,
      first.exited.then(() => Promise.reject(new Error(`the import ended first:\n${first.stderr}`))),
    ]);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await runRuncue(['import', 'Ada', folder], home);
    expect(second.code, second.stderr).toBe(0);
    const summary = /imported (\d+), duplicates (\d+), failed (\d+)(?:, skipped (\d+))?/.exec(second.stdout);
    expect(summary).not.toBeNull();
    const skipped = Number(summary?.[4] ?? 0);
    expect(skipped).toBeGreaterThan(0); // the first run got somewhere before it was killed
    expect(skipped).toBeLessThan(picked.length); // and was killed before the end

    const { db, close } = await openHomeDb(home);
    try {
      const files = await db.query<{ sha256: string; status: string }>('SELECT sha256, status FROM files');
      expect(new Set(files.rows.map((r) => r.sha256))).toEqual(shas); // every file, none lost
      expect(files.rows.length).toBe(shas.size); // none twice
      const imported = files.rows.filter((r) => r.status === 'imported').length;
      const acts = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
      expect(acts.rows[0]?.n).toBe(imported);
      const half = await db.query(
        `SELECT f.id FROM files f LEFT JOIN activities a ON a.file_id = f.id
         LEFT JOIN samples s ON s.activity_id = a.id LEFT JOIN analyses n ON n.activity_id = a.id
         WHERE (f.status = 'imported') AND (a.id IS NULL OR s.activity_id IS NULL OR n.activity_id IS NULL)`,
      );
      expect(half.rows).toEqual([]);
    } finally {
      await close();
    }
  });
});
