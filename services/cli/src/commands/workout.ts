import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findWatchMounts, type WatchSearch } from '@runcue/ingest';
import { cadenceWorkout } from '@runcue/operations';
import { listSources, resolveAthlete } from '@runcue/store';
import { openDb } from '../open-db.ts';
import { watchSearch } from '../watch-search.ts';
import type { RegisterCommand } from './register.ts';

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/**
 * The `GARMIN/NewFiles` folder of a connected watch, or null. Looks first at the athlete's watched
 * folders (a folder inside a watch, e.g. `/media/me/GARMIN/GARMIN/Activity`, means that watch),
 * then wherever a watch is mounted: an MTP mount (gvfs, jmtpfs, go-mtpfs) or a USB volume (see
 * `findWatchMounts`). New workouts go in `NewFiles`, which the watch imports when it is unplugged.
 */
export async function findWatchNewFiles(
  sourcePaths: readonly string[],
  search: WatchSearch,
): Promise<string | null> {
  for (const source of sourcePaths) {
    for (let dir = path.resolve(source); ; dir = path.dirname(dir)) {
      if (
        path.basename(dir).toUpperCase() === 'GARMIN' &&
        ((await isDir(path.join(dir, 'NewFiles'))) || (await isDir(path.join(dir, 'Activity'))))
      ) {
        return path.join(dir, 'NewFiles');
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  const [mount] = await findWatchMounts(search);
  return mount?.newFilesDir ?? null;
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
    .option(
      '--mount <folder...>',
      "the folder holding the watch's GARMIN folder (* for one folder level), instead of looking where watches are mounted",
    )
    .action(async (ref: string, opts: { out?: string; copy: boolean; mount?: string[] }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await resolveAthlete(db, ref);
      const { medianSpm, targetSpm, fileName, bytes } = await cadenceWorkout(db, athlete, ctx.now());
      const out = opts.out
        ? path.resolve(ctx.config.cwd, opts.out)
        : path.join(ctx.config.home, 'workouts', fileName);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, bytes);
      ctx.stdout(
        `cadence workout: ${Math.round(medianSpm)} -> ${targetSpm} steps/min (intervals ${targetSpm - 3}-${targetSpm + 3}), written to ${out}\n`,
      );
      if (!opts.copy) return;
      const sources = (await listSources(db, athlete.id))
        .filter((s) => s.kind === 'folder')
        .map((s) => s.path);
      const search: WatchSearch = opts.mount
        ? {
            roots: opts.mount.map((m) => ({ pattern: path.resolve(ctx.config.cwd, m), depth: 0 })),
            readMountTable: () => Promise.resolve(null),
          }
        : watchSearch(ctx.config);
      const newFiles = await findWatchNewFiles(sources, search);
      if (newFiles === null) {
        ctx.stdout(
          'no watch found (plug it in; see "Connect your watch" in the README), or copy the file to GARMIN/NewFiles yourself\n',
        );
        return;
      }
      await mkdir(newFiles, { recursive: true });
      // One sequential write: MTP mounts (gvfs, jmtpfs) take whole files, not seeks or clones.
      await writeFile(path.join(newFiles, fileName), bytes);
      ctx.stdout(`copied to ${path.join(newFiles, fileName)}; the watch picks it up when you unplug it\n`);
    });
};
