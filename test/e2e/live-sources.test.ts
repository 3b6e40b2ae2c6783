/**
 * Changes made in another terminal reach a running `runcue start` without a restart: a folder
 * source added is watched and its file imported, a removed one is let go, and a runner's settings
 * changed meanwhile apply to the next run. Each step waits for the line `runcue start` prints for
 * the event, never for a fixed time.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { corpus, runRuncue, spawnRuncue } from './ingest-harness.ts';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-live-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

it('picks up a source added and removed while it runs, and settings changed meanwhile', async () => {
  const start = spawnRuncue(['start', '--no-api'], home);
  try {
    await start.waitForOutput('watching ');
    const added = path.join(home, 'added');
    await mkdir(added);
    const add = await runRuncue(['source', 'add', 'me', added], home);
    expect(add.code, add.stderr).toBe(0);
    await start.waitForOutput(`watching ${added}\n`, 120_000);

    // Post-run emails off from another terminal: the next import says so.
    const off = await runRuncue(['athlete', 'set', 'me', '--run-emails', 'off'], home);
    expect(off.code, off.stderr).toBe(0);
    await copyFile(corpus('ActivityLog2/920xt-run.fit'), path.join(added, 'run.fit'));
    await start.waitForOutput(
      /imported {3}run\.fit .*\n {11}no post-run email: post-run emails are off/,
      120_000,
    );

    const removed = await runRuncue(['source', 'remove', added], home);
    expect(removed.code, removed.stderr).toBe(0);
    await start.waitForOutput(`stopped watching ${added}\n`, 120_000);
    expect(start.stderr).toBe('');
  } finally {
    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
  }
}, 400_000);
