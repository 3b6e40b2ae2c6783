import { listAthletes, listSources } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';
import { describeSource } from './describe-source.ts';

/** `runcue source list`: every folder, watch and account runs come from. */
export const registerSourceList: RegisterCommand = (source, ctx) => {
  source
    .command('list')
    .description('list the folders, watches and accounts runs come from')
    .action(async () => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const names = new Map((await listAthletes(db)).map((a) => [a.id, a.name]));
      const all = await listSources(db);
      if (all.length === 0) {
        ctx.stdout(
          "no sources yet: add one with 'runcue source add <athlete> <folder>', 'runcue source add <athlete> --watch' or 'runcue source add-intervals'\n",
        );
      }
      for (const s of all) ctx.stdout(`${describeSource(s, names.get(s.athleteId) ?? s.athleteId)}\n`);
    });
};
