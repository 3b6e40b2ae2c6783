import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findWatchMounts } from '@runcue/ingest';
import { addSource, addWatchSource, resolveAthlete, type Athlete, type Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { CliError } from '../../cli-error.ts';
import { openDb } from '../../open-db.ts';
import { watchSearch } from '../../watch-search.ts';
import type { RegisterCommand } from '../register.ts';

/** `runcue source add <athlete> <folder>|--watch`: a folder to watch, or any Garmin watch plugged in. */
export const registerSourceAdd: RegisterCommand = (source, ctx) => {
  source
    .command('add')
    .description(
      'watch a folder (a Syncthing or Dropbox folder, a phone app export), or with --watch any Garmin watch you plug in',
    )
    .argument('<athlete>', 'id, email or name')
    .argument('[folder]', 'the folder; sub-folders are watched too')
    .option(
      '--watch',
      "sync a connected watch's GARMIN/Activity, wherever it is mounted (MTP or USB storage)",
    )
    .action(async (ref: string, folder: string | undefined, opts: { watch?: boolean }) => {
      if ((folder === undefined) === (opts.watch !== true)) {
        throw new CliError('INVALID_ARGUMENT', 'give either a folder or --watch');
      }
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await resolveAthlete(db, ref);
      if (folder === undefined) await addWatch(ctx, db, a);
      else await addFolder(ctx, db, a, path.resolve(ctx.config.cwd, folder));
    });
};

async function addWatch(ctx: CliContext, db: Db, a: Athlete): Promise<void> {
  await addWatchSource(db, a.id, ctx.now());
  const mounts = await findWatchMounts(watchSearch(ctx.config));
  if (mounts.length === 0) {
    ctx.stdout(
      `a watch will be synced for ${a.name} when it is connected; none is connected now (see "Connect your watch" in the README)\n`,
    );
  }
  for (const m of mounts) {
    ctx.stdout(
      `found a watch at ${m.activityDir}${m.poll ? ' (read by polling: inotify does not see this kind of mount)' : ''}; runcue start syncs it for ${a.name}\n`,
    );
  }
}

async function addFolder(ctx: CliContext, db: Db, a: Athlete, full: string): Promise<void> {
  const s = await addSource(db, a.id, full, ctx.now());
  ctx.stdout(`watching ${s.path} for ${a.name}\n`);
  const exists = await stat(full).then(
    (i) => i.isDirectory(),
    () => false,
  );
  if (!exists)
    ctx.stderr(
      `note: ${full} is not a folder right now; runcue start watches it once it appears (a watch plugged in later).\n`,
    );
}
