import { checkIntervalsLogin, isIntervalsError } from '@runcue/ingest';
import type { CliContext } from '../../cli-context.ts';
import { CliError } from '../../cli-error.ts';

/** intervals.icu athlete ids are `i` and digits; `0` stands for the key's own athlete. */
const INTERVALS_ATHLETE_ID = /^(i\d{1,12}|\d{1,12})$/;
/** Personal API keys are short runs of letters and digits; anything with spaces or colons is a paste error. */
const INTERVALS_API_KEY = /^[A-Za-z0-9_-]{8,200}$/;

/** The intervals.icu account as given on the command line, checked; `apiKey` '-' is read from standard input. */
export async function intervalsAccount(
  opts: { athleteId: string; apiKey: string; since?: string },
  now: Date,
): Promise<{ intervalsAthleteId: string; apiKey: string; since: string }> {
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
  const since = opts.since ?? daysBefore(now, 90);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) {
    throw new CliError('INVALID_ARGUMENT', '--since must be a date, YYYY-MM-DD');
  }
  return { intervalsAthleteId, apiKey, since };
}

/** Tries the login now: a key or id intervals.icu refuses is the runner's to fix; anything else is noted and stored anyway. */
export async function tryLogin(ctx: CliContext, athleteId: string, apiKey: string): Promise<void> {
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
