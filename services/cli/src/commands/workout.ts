import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cadenceTarget } from '@runcue/coach';
import { encodeCadenceWorkout } from '@runcue/fit';
import { listRunRecords, listSources, resolveAthlete } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

/** Where a Garmin watch shows up when plugged in as USB storage on Linux and macOS. */
export const DEFAULT_WATCH_MOUNTS: readonly string[] = [
  '/media/*/GARMIN',
  '/run/media/*/*/GARMIN',
  '/Volumes/GARMIN',
];

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Expands `*` path segments (one directory level each) into the directories that exist. */
async function expand(pattern: string): Promise<string[]> {
  const parts = path
    .resolve(pattern)
    .split(path.sep)
    .filter((p) => p !== '');
  let found: string[] = [path.sep];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of found) {
      if (part !== '*') next.push(path.join(base, part));
      else
        next.push(
          ...(await readdir(base, { withFileTypes: true }).catch(() => []))
            .filter((d) => d.isDirectory())
            .map((d) => path.join(base, d.name)),
        );
    }
    found = next;
  }
  return (await Promise.all(found.map(async (p) => ((await isDir(p)) ? p : null)))).filter(
    (p): p is string => p !== null,
  );
}

/**
 * The `GARMIN/NewFiles` folder of a mounted watch, or null. Looks first at the athlete's watched
 * folders (a source inside a watch, e.g. `/media/me/GARMIN/GARMIN/Activity`, means that watch),
 * then at the usual mount points. A watch's storage root holds a `GARMIN` folder; new workouts go
 * in its `NewFiles`, which the watch imports on the next unplug.
 */
export async function findWatchNewFiles(
  sourcePaths: readonly string[],
  mounts: readonly string[] = DEFAULT_WATCH_MOUNTS,
): Promise<string | null> {
  for (const source of sourcePaths) {
    for (let dir = path.resolve(source); ; dir = path.dirname(dir)) {
      if (
        path.basename(dir) === 'GARMIN' &&
        ((await isDir(path.join(dir, 'NewFiles'))) || (await isDir(path.join(dir, 'Activity'))))
      ) {
        return path.join(dir, 'NewFiles');
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const pattern of mounts) {
    for (const mount of await expand(pattern)) {
      if (await isDir(path.join(mount, 'GARMIN'))) return path.join(mount, 'GARMIN', 'NewFiles');
    }
  }
  return null;
}

/** `runcue workout cadence <athlete>`: a FIT workout at the next cadence target, copied to the watch. */
export const registerWorkout: RegisterCommand = (program, ctx) => {
  const workout = program.command('workout').description('workouts for the watch');
  workout
    .command('cadence')
    .description("write a FIT cadence workout at the athlete's next target and copy it to a mounted watch")
    .argument('<athlete>', 'id, email or name')
    .option('--out <file>', 'where to write the .fit (default: <RUNCUE_HOME>/workouts/)')
    .option('--no-copy', 'do not look for a watch')
    .option('--mount <pattern...>', 'where to look for a watch instead of the usual mount points')
    .action(async (ref: string, opts: { out?: string; copy: boolean; mount?: string[] }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await resolveAthlete(db, ref);
      const now = ctx.now();
      // The newest run with cadence sets the starting point, however long ago it was.
      const runs = await listRunRecords(db, athlete.id, new Date(0), now);
      const latest = runs.filter((r) => r.analysis.cadenceMedianSpm !== null).at(-1);
      const medianSpm = latest?.analysis.cadenceMedianSpm;
      if (medianSpm === undefined || medianSpm === null) {
        throw new CliError(
          'NO_CADENCE',
          `${athlete.name} has no run with cadence yet, so there is no target to aim at`,
        );
      }
      const targetSpm = cadenceTarget(medianSpm, athlete.cadenceThresholdSpm);
      const bytes = encodeCadenceWorkout({
        name: `Cadence ${targetSpm}`,
        targetSpm,
        currentSpm: medianSpm,
        timeCreated: now,
        serialNumber: Math.floor(now.getTime() / 1000) % 2 ** 31,
      });
      const fileName = `runcue-cadence-${targetSpm}.fit`;
      const out = opts.out
        ? path.resolve(ctx.config.cwd, opts.out)
        : path.join(ctx.config.home, 'workouts', fileName);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, bytes);
      ctx.stdout(
        `cadence workout: ${Math.round(medianSpm)} -> ${targetSpm} steps/min (intervals ${targetSpm - 3}-${targetSpm + 3}), written to ${out}\n`,
      );
      if (!opts.copy) return;
      const sources = (await listSources(db, athlete.id)).map((s) => s.path);
      const newFiles = await findWatchNewFiles(sources, opts.mount ?? DEFAULT_WATCH_MOUNTS);
      if (newFiles === null) {
        ctx.stdout(
          'no watch found (plug it in as USB storage, or copy the file to GARMIN/NewFiles yourself)\n',
        );
        return;
      }
      await mkdir(newFiles, { recursive: true });
      await copyFile(out, path.join(newFiles, fileName));
      ctx.stdout(`copied to ${path.join(newFiles, fileName)}; the watch picks it up when you unplug it\n`);
    });
};
