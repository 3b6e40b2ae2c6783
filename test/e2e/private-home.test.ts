/**
 * Health data stays with its owner: a home that runcue creates, with everything in it (the
 * embedded database's files, the socket folder, the inbox, saved emails), is for runcue's own
 * user only, 0700 folders and 0600 files, whatever umask the shell had. A home that an older
 * runcue left readable is tightened when the database opens, and `runcue doctor` warns about
 * what is still readable, with the chmod that fixes it.
 */
import { chmod, copyFile, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runRuncue, spawnRuncue, type Runcue } from './ingest-harness.ts';

let parent: string;
let server: Runcue | null = null;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'runcue-private-'));
  await chmod(parent, 0o755);
});
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  await rm(parent, { recursive: true, force: true });
});

/** Every folder and file under `root` (itself included) with its permission bits. */
async function walk(root: string): Promise<Array<{ path: string; dir: boolean; mode: number }>> {
  const out: Array<{ path: string; dir: boolean; mode: number }> = [];
  const visit = async (p: string): Promise<void> => {
    const st = await lstat(p);
    if (st.isSymbolicLink()) return;
    out.push({ path: path.relative(parent, p), dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
  };
  await visit(root);
  return out;
}

/** Every run is emailed, so that the bundled 2024 run lands in the outbox folder. */
const emailAll = { RUNCUE_SUMMARY_WINDOW_DAYS: 'all' };

describe('a home runcue creates', () => {
  it('is 0700 folders and 0600 files all the way down: database, socket, inbox and saved emails', async () => {
    const home = path.join(parent, 'fresh');
    server = spawnRuncue(['start', '--port', '0'], home, emailAll);
    await server.waitForOutput('runcue is running');
    await copyFile(
      path.join(repoRoot, 'examples/sample-run.fit'),
      path.join(home, 'inbox', 'sample-run.fit'),
    );
    await server.waitForOutput(/wrote run-summary .*\.eml/);
    const whileRunning = await walk(home);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);

    const names = whileRunning.map((e) => e.path);
    expect(names).toContain('fresh/socket');
    expect(names.some((n) => n.startsWith('fresh/db/'))).toBe(true);
    expect(names.filter((n) => /^fresh\/outbox\/.*\.(eml|html)$/.test(n))).toHaveLength(2);
    expect(whileRunning.length).toBeGreaterThan(100); // the embedded database's many files
    const open = [...whileRunning, ...(await walk(home))].filter(
      // The socket's own mode means nothing (its folder guards it); the run is the test's file.
      (e) =>
        e.mode !== (e.dir ? 0o700 : 0o600) &&
        !e.path.endsWith('.s.PGSQL.5432') &&
        e.path !== 'fresh/inbox/sample-run.fit',
    );
    expect(open).toEqual([]);
  });

  it('tightens a home an older runcue left readable; doctor warns about an open outbox with the chmod', async () => {
    const home = path.join(parent, 'fresh');
    for (const e of await walk(home)) await chmod(path.join(parent, e.path), e.dir ? 0o755 : 0o644);
    const doctor = await runRuncue(['doctor'], home);
    expect(doctor.stdout).toMatch(/^ok {4}privacy: .* yours only$/m);
    expect(
      (await walk(home)).filter((e) => e.mode & 0o077 && e.path !== 'fresh/inbox/sample-run.fit'),
    ).toEqual([]);

    await chmod(path.join(home, 'outbox'), 0o755);
    const again = await runRuncue(['doctor'], home);
    expect(again.stdout).toContain(
      `warn  privacy: others on this machine can read or enter the saved emails (outbox) (1 entry, e.g. ${path.join(home, 'outbox')} is 0755); run 'chmod -R go-rwx ${home}'`,
    );
  });
});
