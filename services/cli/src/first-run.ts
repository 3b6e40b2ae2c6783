import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  addSource,
  createAthlete,
  listAthletes,
  listSources,
  type Athlete,
  type Db,
  type Source,
} from '@runcue/store';
import type { CliContext } from './cli-context.ts';
import { localTimeZone } from './commands/athlete/describe-athlete.ts';

/**
 * What `runcue start` sets up the first time, so that it works before anything is configured: an
 * athlete 'me' when there is none, and, when nothing is watched, an inbox folder in runcue's home
 * for that athlete (and a line saying where to drop files). Later starts change nothing.
 */
export async function firstRun(
  ctx: CliContext,
  db: Db,
  opts: { watching: boolean },
): Promise<{ first: Athlete | undefined; sources: Source[] }> {
  let athletes = await listAthletes(db);
  let sources = await listSources(db);
  if (athletes.length === 0) {
    await createAthlete(db, { name: 'me', email: 'me@localhost', timeZone: localTimeZone() }, ctx.now());
    athletes = await listAthletes(db);
  }
  const first = athletes[0];
  if (sources.length === 0 && !opts.watching && first) {
    const inbox = path.join(ctx.config.home, 'inbox');
    await mkdir(inbox, { recursive: true, mode: 0o700 });
    await addSource(db, first.id, inbox, ctx.now());
    sources = await listSources(db);
    ctx.stdout(
      `drop .fit files (or .fit.gz, .zip) into ${inbox} and they are imported for '${first.name}'\n`,
    );
  }
  return { first, sources };
}
