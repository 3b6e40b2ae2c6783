import { randomBytes } from 'node:crypto';
import { createToken, resolveAthlete } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import { parseText } from '../../option-parsers.ts';
import type { RegisterCommand } from '../register.ts';

/** `runcue athlete token <athlete>`: an API token for uploads, shown once. */
export const registerAthleteToken: RegisterCommand = (athlete, ctx) => {
  athlete
    .command('token')
    .description('create an API token for uploads (shown once, stored hashed)')
    .argument('<athlete>', 'id, email or name')
    .option('--label <label>', 'what the token is for, e.g. "phone"', parseText)
    .action(async (ref: string, opts: { label?: string }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await resolveAthlete(db, ref);
      const { token } = await createToken(db, a.id, opts.label ?? null, randomBytes(32), ctx.now());
      ctx.stdout(`${token}\n`);
      ctx.stderr(`This token uploads runs as ${a.name}. It is shown only now; runcue keeps only its hash.\n`);
    });
};
