import { listAthletes, listTokens, revokeToken } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { athleteFor } from '@runcue/operations';
import type { RegisterCommand } from './register.ts';

const day = (d: Date | null): string => (d === null ? '-' : d.toISOString().slice(0, 10));

/**
 * `runcue token list|revoke`: the upload API tokens a runner has (never their secrets: runcue
 * keeps only hashes) and taking one back. `runcue athlete token` makes a new one.
 */
export const registerToken: RegisterCommand = (program, ctx) => {
  const token = program.command('token').description('list and revoke upload API tokens');

  token
    .command('list')
    .description("a runner's API tokens: id, label, created, last used, revoked")
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .action(async (opts: { athlete?: string }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await athleteFor(db, opts.athlete);
      const tokens = await listTokens(db, athlete.id);
      if (tokens.length === 0)
        ctx.stdout(`${athlete.name} has no API tokens: 'runcue athlete token ${athlete.name}' makes one\n`);
      for (const t of tokens)
        ctx.stdout(
          `${t.id}  ${(t.label ?? '-').padEnd(12)}  created ${day(t.createdAt)}  last used ${day(t.lastUsedAt)}${t.revokedAt ? `  revoked ${day(t.revokedAt)}` : ''}\n`,
        );
    });

  token
    .command('revoke')
    .description('revoke a token: uploads with it are refused from now on')
    .argument('<id>', "the token's id (see 'runcue token list')")
    .action(async (id: string) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const revoked = await revokeToken(db, id.trim(), ctx.now());
      if (revoked === null)
        throw new CliError(
          'TOKEN_NOT_FOUND',
          `no token ${id} that is not already revoked ('runcue token list')`,
        );
      const owner = (await listAthletes(db)).find((a) => a.id === revoked.athleteId);
      ctx.stdout(
        `revoked token ${revoked.id} (${revoked.label ?? 'no label'}) of ${owner?.name ?? revoked.athleteId}\n`,
      );
    });
};
