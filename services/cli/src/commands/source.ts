import { stat } from 'node:fs/promises';
import path from 'node:path';
import { addSource, listAthletes, listSources, resolveAthlete } from '@runcue/store';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

/** `runcue source add|list`: the folders `runcue start` watches, each for one athlete. */
export const registerSource: RegisterCommand = (program, ctx) => {
  const source = program.command('source').description('folders runcue watches for new FIT files');

  source
    .command('add')
    .description('watch a folder (a USB-mounted watch, a Syncthing or Dropbox folder, a phone app export)')
    .argument('<athlete>', 'id, email or name')
    .argument('<folder>', 'the folder; sub-folders are watched too')
    .action(async (ref: string, folder: string) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await resolveAthlete(db, ref);
      const full = path.resolve(ctx.config.cwd, folder);
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
    });

  source
    .command('list')
    .description('list the watched folders')
    .action(async () => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const names = new Map((await listAthletes(db)).map((a) => [a.id, a.name]));
      const all = await listSources(db);
      if (all.length === 0)
        ctx.stdout("no folders yet: add one with 'runcue source add <athlete> <folder>'\n");
      for (const s of all) ctx.stdout(`${s.path}  ${names.get(s.athleteId) ?? s.athleteId}\n`);
    });
};
