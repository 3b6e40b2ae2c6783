import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { realisticRun } from './fixtures/realistic-run.ts';

/** Where the benchmarks keep the runs they generate, so a second benchmark reads them back. */
export const cacheDir = path.join(tmpdir(), 'runcue-bench-runs');

/** Run `seed` (`realisticRun`) as FIT bytes, generated once and then read from the cache. */
export function cachedRun(seed: number): Uint8Array {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `run-${seed}.fit`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const bytes = realisticRun(seed);
  writeFileSync(file, bytes);
  return bytes;
}
