/**
 * Runs the real `runcue` command (`bin/runcue`, the built JavaScript) as a child process with its
 * own RUNCUE_HOME, and opens that home's embedded database afterwards to check what it holds.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from '@runcue/store';
import type { Db } from '@runcue/store';
import { writeZip } from '@runcue/scripts/fixtures';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const corpus = (relative: string) => path.resolve(repoRoot, '../shared/fit-corpus', relative);

export interface Runcue {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
  /**
   * Resolves when stdout contains `text`, or `text(stdout)` holds (rejects if the process ends
   * first or after `ms`).
   */
  waitForOutput(text: string | RegExp | ((stdout: string) => boolean), ms?: number): Promise<void>;
}

/** Starts `runcue <args>` in the background, with `extraEnv` on top of the test's environment. */
export function spawnRuncue(args: readonly string[], home: string, extraEnv: NodeJS.ProcessEnv = {}): Runcue {
  // The embedded database and the outbox folder: no PostgreSQL or SMTP server from the outer environment.
  const env: NodeJS.ProcessEnv = { ...process.env, RUNCUE_HOME: home, INIT_CWD: repoRoot, ...extraEnv };
  delete env.RUNCUE_DATABASE_URL;
  delete env.RUNCUE_SMTP_URL;
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ['bin/runcue', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Runcue = {
    child,
    stdout: '',
    stderr: '',
    // 'close', not 'exit': by then all of its output has been read.
    exited: new Promise((resolve) => child.on('close', (code) => resolve(code))),
    // Only a hang limit: on a busy machine runcue start can take a minute to open its database.
    waitForOutput(text, ms = 300_000) {
      const seen = () =>
        typeof text === 'string'
          ? r.stdout.includes(text)
          : typeof text === 'function'
            ? text(r.stdout)
            : text.test(r.stdout);
      return new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.off('close', onExit);
          if (err) reject(err);
          else resolve();
        };
        // Registered after the harness's own listener, so `r.stdout` already holds the chunk.
        const onData = () => {
          if (seen()) done();
        };
        const onExit = () =>
          done(new Error(`runcue exited before printing ${String(text)}:\n${r.stdout}\n${r.stderr}`));
        const timer = setTimeout(
          () =>
            done(new Error(`runcue did not print ${String(text)} in ${ms} ms:\n${r.stdout}\n${r.stderr}`)),
          ms,
        );
        if (seen()) done();
        else if (child.stdout.readableEnded) onExit();
        else {
          child.stdout.on('data', onData);
          child.on('close', onExit);
        }
      });
    },
  };
  child.stdout.on('data', (b: Buffer) => (r.stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (r.stderr += b.toString()));
  return r;
}

/** `runcue athlete add` for the runner most tests use. */
export const ADD_ADA = [
  'athlete',
  'add',
  '--name',
  'Ada',
  '--email',
  'ada@example.org',
  '--tz',
  'Europe/Berlin',
] as const;

/** Runs `runcue <args>` to the end. */
export async function runRuncue(
  args: readonly string[],
  home: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = spawnRuncue(args, home, extraEnv);
  const code = await r.exited;
  return { code, stdout: r.stdout, stderr: r.stderr };
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Opens the embedded database of a stopped runcue. */
export async function openHomeDb(home: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const pglite = await PGlite.create(path.join(home, 'db'));
  return { db: fromPglite(pglite), close: () => pglite.close() };
}

/** A stored (uncompressed) zip of the given entries, as a Garmin Connect export holds them. */
export function storedZip(entries: ReadonlyArray<{ name: string; data: Uint8Array }>): Uint8Array {
  return writeZip(entries.map((e) => ({ ...e, store: true })));
}
