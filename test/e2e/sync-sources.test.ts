/**
 * The two new ways runs arrive, tried as a runner would: an intervals.icu account (against a local
 * server speaking the documented API) and a watch mounted over MTP by gvfs, added with `runcue
 * source`, synced by `runcue start`, checked by `runcue doctor`, and the watch receiving a
 * cadence workout in its GARMIN/NewFiles. The API key is never printed.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntervalsServer, type IntervalsTestServer } from '@runcue/scripts/fixtures';
import { corpus, runRuncue, spawnRuncue } from './ingest-harness.ts';

const KEY = 'e2eK3yN3v3rPr1nt3d0000';
const GVFS_HOST = 'mtp:host=091e_4f42_0000c8a4b2d5';
const ON_WATCH = 'ActivityLog2/310xt-run.fit';
/** CLI processes start slowly on a busy machine: wait on what they print, for as long as it takes. */
const SLOW = 240_000;
const ON_HUB = [
  'ActivityLog2/310xt-run.fit',
  'ActivityLog2/920xt-run.fit',
  'elevate/20171011_run_2088390344.fit',
];

describe('runcue with an intervals.icu account and a watch mounted over MTP', () => {
  let home: string;
  let server: IntervalsTestServer;
  let env: NodeJS.ProcessEnv;
  let activity: string;
  const noKey = (r: { stdout: string; stderr: string }) => {
    expect(r.stdout).not.toContain(KEY);
    expect(r.stderr).not.toContain(KEY);
  };

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-sync-'));
    server = await startIntervalsServer({ athleteId: 'i90210', apiKey: KEY });
    const today = new Date();
    ON_HUB.forEach((file, n) => {
      const day = new Date(today.getTime() - (n + 1) * 86_400_000).toISOString().slice(0, 10);
      server.activities.push({
        id: `i${500 + n}`,
        start_date_local: `${day}T07:30:00`,
        file: new Uint8Array(readFileSync(corpus(file))),
      });
    });
    const gvfs = path.join(home, 'run/user/1000/gvfs');
    activity = path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/Activity');
    await mkdir(activity, { recursive: true });
    await copyFile(corpus(ON_WATCH), path.join(activity, 'B1KC1234.FIT'));
    await copyFile(corpus('Runalyze/Standard.fit'), path.join(activity, 'B1KD0815.FIT'));
    const mounts = path.join(home, 'mounts');
    await writeFile(mounts, `gvfsd-fuse ${gvfs} fuse.gvfsd-fuse rw,nosuid,nodev,relatime,user_id=1000 0 0\n`);
    env = {
      RUNCUE_INTERVALS_URL: server.url,
      RUNCUE_INTERVALS_POLL_SECONDS: '1',
      RUNCUE_WATCH_ROOTS: path.join(home, 'run/user/*/gvfs'),
      RUNCUE_MOUNT_TABLE: mounts,
    };
    const add = await runRuncue(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org'], home, env);
    expect(add.code, add.stderr).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await server.close();
    await rm(home, { recursive: true, force: true });
  });

  it(
    'adds the account after trying the login, refusing a wrong key, and never prints the key',
    { timeout: SLOW },
    async () => {
      const wrong = await runRuncue(
        ['source', 'add-intervals', 'Ada', '--athlete-id', 'i90210', '--api-key', 'wrongKey12345678'],
        home,
        env,
      );
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(
        /^runcue: INTERVALS_UNAUTHORIZED: intervals\.icu did not accept athlete i90210/,
      );
      expect(wrong.stderr).not.toContain('wrongKey12345678');
      const bad = await runRuncue(
        ['source', 'add-intervals', 'Ada', '--athlete-id', 'ada', '--api-key', KEY],
        home,
        env,
      );
      expect([bad.code, bad.stderr]).toEqual([
        2,
        expect.stringMatching(/^runcue: INVALID_ARGUMENT: --athlete-id/),
      ]);
      noKey(bad);

      const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const ok = await runRuncue(
        ['source', 'add-intervals', 'Ada', '--athlete-id', 'i90210', '--api-key', KEY, '--since', since],
        home,
        env,
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(
        `syncing intervals.icu athlete i90210 for Ada, activities from ${since} on`,
      );
      noKey(ok);
    },
  );

  it('finds the gvfs MTP watch when it is added', { timeout: SLOW }, async () => {
    const r = await runRuncue(['source', 'add', 'Ada', '--watch'], home, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`found a watch at ${activity} (read by polling`);
    const list = await runRuncue(['source', 'list'], home, env);
    expect(list.stdout).toContain('intervals.icu i90210  Ada  (not synced yet)');
    expect(list.stdout).toContain('any connected Garmin watch  Ada');
    noKey(list);
  });

  it(
    'syncs both in runcue start: each run once, the watch run recognised in the hub copy',
    async () => {
      const start = spawnRuncue(['start', '--no-api'], home, env);
      try {
        await start.waitForOutput('syncing intervals.icu i90210 every 1 min', SLOW);
        await start.waitForOutput(/imported {3}B1KD0815\.FIT/, SLOW);
        await start.waitForOutput(/imported {3}intervals-i501\.fit\.gz \(intervals\.icu\)/, SLOW);
        await start.waitForOutput(/imported {3}intervals-i502\.fit\.gz \(intervals\.icu\)/, SLOW);
        // The same recording is on the watch and on the hub: whichever arrives second is a duplicate.
        await start.waitForOutput(/(imported|duplicate) +B1KC1234\.FIT.*\n/, SLOW);
        await start.waitForOutput(/(imported|duplicate) +intervals-i500\.fit\.gz.*\n/, SLOW);
        const lines = start.stdout.split('\n');
        const watchLine = lines.find((l) => l.includes('B1KC1234.FIT')) ?? '';
        const hubLine = lines.find((l) => l.includes('intervals-i500.fit.gz')) ?? '';
        expect([watchLine, hubLine].filter((l) => l.startsWith('imported'))).toHaveLength(1);
        expect([watchLine, hubLine].filter((l) => /^duplicate .*\(same-bytes/.test(l))).toHaveLength(1);
        // A run that reaches intervals.icu later comes at the next poll.
        server.activities.push({
          id: 'i600',
          // A minute ago: a start later than the athlete's "now" is not listed yet, as on the real API.
          start_date_local: new Date(Date.now() - 60_000).toISOString().slice(0, 19),
          file: new Uint8Array(readFileSync(corpus('sports-lib/2067489619.fit'))),
        });
        await start.waitForOutput(/imported {3}intervals-i600\.fit\.gz/, SLOW);
      } finally {
        start.child.kill('SIGINT');
      }
      expect(await start.exited).toBe(0);
      expect(start.stdout.match(/intervals-i50\d\.fit\.gz/g)).toHaveLength(3);
      expect(['i500', 'i501', 'i502', 'i600'].map((id) => server.downloads(id))).toEqual([1, 1, 1, 1]);
      noKey(start);
    },
    2 * SLOW,
  );

  it('doctor tries the login and sees the watch; a revoked key fails', { timeout: SLOW }, async () => {
    const r = await runRuncue(['doctor'], home, env);
    expect(r.stdout).toMatch(/ok {4}intervals\.icu i90210: logs in for Ada; last synced \d{4}-/);
    expect(r.stdout).toContain(`ok    watch: connected at ${activity} (polled), synced for Ada`);
    noKey(r);
    await server.close();
    const revoked = await startIntervalsServer({ athleteId: 'i90210', apiKey: 'anotherKey000000' });
    try {
      const after = await runRuncue(['doctor'], home, { ...env, RUNCUE_INTERVALS_URL: revoked.url });
      expect(after.code).toBe(2);
      expect(after.stdout).toContain(
        'fail  intervals.icu i90210: intervals.icu does not accept this athlete id with the stored API key',
      );
      noKey(after);
    } finally {
      await revoked.close();
    }
  });

  it('writes the cadence workout to GARMIN/NewFiles on the MTP mount', { timeout: SLOW }, async () => {
    const r = await runRuncue(['workout', 'cadence', 'Ada'], home, env);
    expect(r.code, r.stderr).toBe(0);
    const newFiles = path.join(path.dirname(activity), 'NewFiles');
    expect(r.stdout).toContain(`copied to ${newFiles}`);
    expect((await readdir(newFiles)).some((f) => /^runcue-cadence-\d+\.fit$/.test(f))).toBe(true);
  });
});
