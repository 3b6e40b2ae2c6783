/**
 * One worker of `scripts/fuzz.ts`: generates cases `from`..`to` of one target from the seed (the
 * same case for the same seed and index, whatever worker runs it), runs each and posts its outcome.
 * The parent watches the posts: a case that posts nothing in time is a hang.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { decodeFit, isFitError } from '@runcue/fit';
import { mutateBytes, type Mutation } from '@runcue/fit/testing';
import { ArchiveError, archiveLimits, extractFiles } from '@runcue/operations';
import { seededRandom } from './fixtures/seeded-random.ts';
import { writeZip } from './fixtures/write-zip.ts';

export interface FuzzJob {
  readonly target: 'decoder' | 'archive';
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export type CaseOutcome =
  | { i: number; kind: 'ok'; ms: number; heapMb: number }
  | { i: number; kind: 'typed'; code: string; ms: number; heapMb: number }
  | { i: number; kind: 'crash'; message: string; ms: number; heapMb: number };

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(repoRoot, name)));

function seedFiles(target: FuzzJob['target']): Array<{ name: string; bytes: Uint8Array }> {
  const run = fixture('examples/sample-run.fit');
  const short = fixture('test/fixtures/steps-in-cadence.fit');
  if (target === 'decoder') {
    return [
      { name: 'sample-run.fit', bytes: run },
      { name: 'steps-in-cadence.fit', bytes: short },
      { name: 'mid-run-pause.fit', bytes: fixture('test/fixtures/mid-run-pause.fit') },
    ];
  }
  const inner = writeZip([{ name: 'inner/run.fit', data: short }]);
  return [
    {
      name: 'export.zip',
      bytes: writeZip([
        { name: 'a/run.fit', data: short },
        { name: 'b/stored.fit', data: short.subarray(0, 4000), store: true },
        { name: 'c/run.fit.gz', data: gzipSync(short) },
        { name: 'd/part.zip', data: inner, store: true },
        { name: 'notes.json', data: new TextEncoder().encode('{"a":1}') },
      ]),
    },
    { name: 'run.fit.gz', bytes: gzipSync(run) },
  ];
}

/** Case `i`: a seed file with one to six byte-level mutations, all drawn from (seed, i). */
export function fuzzCase(
  seeds: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  seed: number,
  i: number,
): { name: string; bytes: Uint8Array } {
  const rnd = seededRandom((seed * 1_000_003 + i) >>> 0);
  const int = (n: number) => Math.floor(rnd() * n);
  const base = seeds[int(seeds.length)] ?? seeds[0];
  if (!base) throw new Error('no seed files');
  let bytes = base.bytes;
  for (let k = 1 + int(6); k > 0; k--) bytes = mutateBytes(bytes, [drawMutation(int, bytes.length)]);
  return { name: base.name, bytes };
}

/** One mutation of a file of `length` bytes, drawn from `int` (in the order the cases were always drawn). */
function drawMutation(int: (n: number) => number, length: number): Mutation {
  const at = length === 0 ? 0 : int(length);
  const some = length > 0;
  switch (int(7)) {
    case 0:
      return { kind: 'flip', at, value: some ? 1 << int(8) : 0 };
    case 1:
      return some ? { kind: 'header', at: int(14), value: int(256) } : { kind: 'set', at, value: 0 };
    case 2:
      return { kind: 'set', at, value: some ? int(256) : 0 };
    case 3:
      return { kind: 'truncate', at };
    case 4:
      return { kind: 'insert', at, bytes: Uint8Array.from({ length: 1 + int(24) }, () => int(256)) };
    case 5:
      return { kind: 'delete', at, length: 1 + int(40) };
    default:
      return { kind: 'copy', at, from: length === 0 ? 0 : int(length), length: 1 + int(80) };
  }
}

async function runCase(
  target: FuzzJob['target'],
  c: { name: string; bytes: Uint8Array },
): Promise<string | null> {
  if (target === 'decoder') {
    try {
      decodeFit(c.bytes);
      return null;
    } catch (err) {
      if (isFitError(err)) return err.code;
      throw err;
    }
  }
  const limits = archiveLimits(50 * 1024 * 1024);
  let firstError: string | null = null;
  for await (const item of extractFiles({ name: c.name, bytes: c.bytes }, limits)) {
    if (item.ok) continue;
    if (!(item.error instanceof ArchiveError)) throw new Error(`untyped failure: ${String(item.error)}`);
    firstError ??= item.error.code;
  }
  return firstError;
}

if (parentPort) {
  const job = workerData as FuzzJob;
  const seeds = seedFiles(job.target);
  // Loaded and compiled: from here on, time is the cases' own (the parent starts its watchdog).
  parentPort.postMessage({ ready: true });
  for (let i = job.from; i < job.to; i++) {
    const c = fuzzCase(seeds, job.seed, i);
    const t0 = performance.now();
    let outcome: CaseOutcome;
    try {
      const code = await runCase(job.target, c);
      const ms = performance.now() - t0;
      const heapMb = process.memoryUsage().heapUsed / 1048576;
      outcome = code === null ? { i, kind: 'ok', ms, heapMb } : { i, kind: 'typed', code, ms, heapMb };
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      outcome = {
        i,
        kind: 'crash',
        message,
        ms: performance.now() - t0,
        heapMb: process.memoryUsage().heapUsed / 1048576,
      };
    }
    parentPort.postMessage(outcome);
  }
}
