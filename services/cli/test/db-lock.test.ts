import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSocket, readLock, takeLock } from '../src/db-lock.ts';

describe('the lock file of the embedded database', () => {
  let dir: string;
  let deadPid: number;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-lock-'));
    // A pid that surely belonged to a process and is now free: a child that has exited.
    deadPid = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is taken when absent, written 0600, and then names this process', async () => {
    const lock = path.join(dir, 'fresh.lock');
    expect(await takeLock(lock)).toBeNull();
    expect((await stat(lock)).mode & 0o777).toBe(0o600);
    expect(await readLock(lock)).toEqual({ pid: process.pid, socketDir: null });
    await announceSocket(lock, '/somewhere/socket');
    expect(JSON.parse(await readFile(lock, 'utf8'))).toEqual({
      pid: process.pid,
      socketDir: '/somewhere/socket',
    });
  });

  it('returns a live holder (with its socket) instead of taking the lock', async () => {
    const lock = path.join(dir, 'live.lock');
    await writeFile(lock, JSON.stringify({ pid: process.ppid, socketDir: '/run/x' }));
    expect(await takeLock(lock)).toEqual({ pid: process.ppid, socketDir: '/run/x' });
  });

  it('takes over a lock whose holder is dead, in the bare-pid form of older versions too', async () => {
    for (const text of [String(deadPid), JSON.stringify({ pid: deadPid, socketDir: '/gone' })]) {
      const lock = path.join(dir, 'stale.lock');
      await writeFile(lock, text);
      expect(await takeLock(lock)).toBeNull();
      expect(await readLock(lock)).toEqual({ pid: process.pid, socketDir: null });
      await rm(lock);
    }
  });

  it('reads an unreadable lock as no holder', async () => {
    const lock = path.join(dir, 'junk.lock');
    await writeFile(lock, '{"pid":"twelve"}');
    expect(await readLock(lock)).toBeNull();
    expect(await takeLock(lock)).toBeNull();
  });
});
