import path from 'node:path';
import { sourceFor } from '@runcue/operations';
import { listAthletes, removeSource, resolveAthlete } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';
import { describeSource } from './describe-source.ts';

/** `runcue source remove <source>`: stop taking runs from it; runs already stored stay. */
export const registerSourceRemove: RegisterCommand = (source, ctx) => {
  source
    .command('remove')
    .description(
      'stop taking runs from a source (runs already stored stay; a running runcue start lets go within seconds)',
    )
    .argument('<source>', "the folder, 'watch', the intervals.icu athlete id, or the source id")
    .option('--athlete <athlete>', 'whose source, when several runners have one like it')
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const owner = opts.athlete === undefined ? null : await resolveAthlete(db, opts.athlete);
      const only = await sourceFor(db, ref, path.resolve(ctx.config.cwd, ref), owner?.id);
      await removeSource(db, only.id);
      const names = new Map((await listAthletes(db)).map((a) => [a.id, a.name]));
      ctx.stdout(`removed ${describeSource(only, names.get(only.athleteId) ?? only.athleteId)}\n`);
    });
};
