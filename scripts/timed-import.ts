import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface TimedImport {
  /** Wall time of the whole `runcue import`, s. */
  readonly seconds: number;
  /** User + system CPU of the process, s. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly stdout: string;
}

/**
 * Runs `runcue import <athlete> <zip>` under `/usr/bin/time` (what the benchmarks measure an
 * import by): wall time, CPU time and peak RSS of that process, `timeFile` holding GNU time's
 * figures. Throws with the command's stderr when the import fails.
 */
export function timedImport(
  runcue: string,
  env: NodeJS.ProcessEnv,
  athlete: string,
  zipPath: string,
  timeFile: string,
): TimedImport {
  const started = performance.now();
  const res = spawnSync(
    '/usr/bin/time',
    ['-o', timeFile, '-f', '%U %S %M', process.execPath, runcue, 'import', athlete, zipPath],
    { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 0) throw new Error(`runcue import failed (${res.status}): ${res.stderr}`);
  const [user = 0, sys = 0, rssKb = 0] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  return { seconds, cpuSeconds: user + sys, peakRssMb: rssKb / 1024, stdout: res.stdout };
}
