import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkIntervalsLogin, findWatchMounts, isIntervalsError } from '@runcue/ingest';
import {
  addIntervalsSource,
  addSource,
  addWatchSource,
  listAthletes,
  listSources,
  removeSource,
  resolveAthlete,
  type Source,
} from '@runcue/store';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { watchSearch } from '../watch-search.ts';
import type { RegisterCommand } from './register.ts';

/** intervals.icu athlete ids are `i` and digits; `0` stands for the key's own athlete. */
const INTERVALS_ATHLETE_ID = /^(i\d{1,12}|\d{1,12})$/;
/** Personal API keys are short runs of letters and digits; anything with spaces or colons is a paste error. */
const INTERVALS_API_KEY = /^[A-Za-z0-9_-]{8,200}$/;

/**
 * `runcue source add|add-intervals|list`: where `runcue start` takes each athlete's files from: a
 * folder, whatever Garmin watch gets connected, or an intervals.icu account.
 */
export const registerSource: RegisterCommand = (program, ctx) => {
  const source = program
    .command('source')
    .description('where runs come from: folders, a connected watch, an intervals.icu account');

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
      if (folder === undefined) {
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
        return;
      }
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
    .command('add-intervals')
    .description('sync an intervals.icu account, the hub for Garmin, COROS, Suunto, Polar and Wahoo')
    .argument('<athlete>', 'id, email or name')
    .requiredOption('--athlete-id <id>', 'your intervals.icu athlete id (Settings, e.g. i12345)')
    .requiredOption(
      '--api-key <key>',
      "your intervals.icu API key (Settings, Developer Settings); '-' reads it from standard input",
    )
    .option('--since <date>', 'fetch activities from this date on, YYYY-MM-DD (default: 90 days ago)')
    .option('--no-check', 'store it without trying the login now')
    .action(
      async (ref: string, opts: { athleteId: string; apiKey: string; since?: string; check: boolean }) => {
        const intervalsAthleteId = opts.athleteId.trim();
        if (!INTERVALS_ATHLETE_ID.test(intervalsAthleteId)) {
          throw new CliError(
            'INVALID_ARGUMENT',
            '--athlete-id must be your intervals.icu athlete id, like i12345 (shown on its Settings page)',
          );
        }
        const apiKey = opts.apiKey === '-' ? (await readStdin()).trim() : opts.apiKey.trim();
        if (!INTERVALS_API_KEY.test(apiKey)) {
          throw new CliError(
            'INVALID_ARGUMENT',
            '--api-key does not look like an intervals.icu API key (letters and digits, from Settings, Developer Settings)',
          );
        }
        const since = opts.since ?? daysBefore(ctx.now(), 90);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) {
          throw new CliError('INVALID_ARGUMENT', '--since must be a date, YYYY-MM-DD');
        }
        if (opts.check) await tryLogin(ctx, intervalsAthleteId, apiKey);
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const a = await resolveAthlete(db, ref);
        await addIntervalsSource(db, { athleteId: a.id, intervalsAthleteId, apiKey, since }, ctx.now());
        ctx.stdout(
          `syncing intervals.icu athlete ${intervalsAthleteId} for ${a.name}, activities from ${since} on; runcue start polls every ${Math.round(ctx.config.intervalsPollSeconds / 60)} min (the API key is stored in runcue's database and never shown)\n`,
        );
      },
    );

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
      const folder = path.resolve(ctx.config.cwd, ref);
      const matches = (await listSources(db, owner?.id)).filter(
        (s) =>
          s.id === ref ||
          (s.kind === 'folder' && s.path === folder) ||
          (s.kind === 'watch' && ref === 'watch') ||
          (s.kind === 'intervals' && s.path === ref),
      );
      const [only] = matches;
      if (only === undefined)
        throw new CliError('SOURCE_NOT_FOUND', `no source is ${ref} ('runcue source list' shows them)`);
      if (matches.length > 1)
        throw new CliError(
          'SOURCE_AMBIGUOUS',
          `${matches.length} runners have ${ref}: say whose with --athlete`,
        );
      await removeSource(db, only.id);
      const names = new Map((await listAthletes(db)).map((a) => [a.id, a.name]));
      ctx.stdout(`removed ${describeSource(only, names.get(only.athleteId) ?? only.athleteId)}\n`);
    });

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

/** One line of `source list`: what the source is, whose it is and how its last sync went. */
export function describeSource(s: Source, athleteName: string): string {
  if (s.kind === 'folder') return `${s.path}  ${athleteName}`;
  if (s.kind === 'watch') return `any connected Garmin watch  ${athleteName}`;
  const synced = s.lastSyncedAt === null ? 'not synced yet' : `last synced ${s.lastSyncedAt.toISOString()}`;
  const error = s.lastError === null ? '' : `; last error ${s.lastError.code}: ${s.lastError.message}`;
  return `intervals.icu ${s.path}  ${athleteName}  (${synced}${error})`;
}

async function tryLogin(ctx: CliContext, athleteId: string, apiKey: string): Promise<void> {
  try {
    await checkIntervalsLogin({ baseUrl: ctx.config.intervalsUrl, athleteId, apiKey, now: ctx.now });
  } catch (err) {
    if (
      isIntervalsError(err) &&
      (err.code === 'INTERVALS_UNAUTHORIZED' || err.code === 'INTERVALS_NOT_FOUND')
    ) {
      throw new CliError(
        err.code,
        `intervals.icu did not accept athlete ${athleteId} with this API key; copy both again from intervals.icu Settings (the key under Developer Settings)`,
      );
    }
    const why = err instanceof Error ? err.message : String(err);
    ctx.stderr(`note: could not try the login now (${why}); storing it anyway, runcue start retries\n`);
  }
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
