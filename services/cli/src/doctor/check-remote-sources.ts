import { checkIntervalsLogin, findWatchMounts, isIntervalsError, type WatchSearch } from '@runcue/ingest';
import type { Source } from '@runcue/store';
import { maskSecrets, maskUrl } from '@runcue/errors';
import { errorMessage, type Check } from './check.ts';

/**
 * Whether a watch is connected now, and where. None connected is fine (it is synced when plugged
 * in); the line says where runcue looks, so a watch that is plugged in but not found can be
 * mounted where it will be.
 */
export async function checkWatchSource(search: WatchSearch, athleteName: string): Promise<Check> {
  const name = 'watch';
  const mounts = await findWatchMounts(search).catch(() => []);
  const ready = mounts.filter((m) => m.activityDir !== null);
  if (ready.length === 0) {
    return {
      status: 'ok',
      name,
      message: `none connected now; one is synced for ${athleteName} when it is plugged in`,
      hint: 'a plugged-in watch that stays unseen needs mounting: see "Connect your watch" in the README (gvfs-backends and gvfs-fuse, or jmtpfs)',
    };
  }
  const where = ready.map((m) => `${m.activityDir ?? ''}${m.poll ? ' (polled)' : ''}`).join(', ');
  return { status: 'ok', name, message: `connected at ${where}, synced for ${athleteName}` };
}

/**
 * Tries an intervals.icu account's login (one listing request, no retries) and reports the last
 * sync. The API key is never part of the line.
 */
export async function checkIntervalsSource(
  source: Source,
  apiKey: string | null,
  athleteName: string,
  opts: { baseUrl: string; now: () => Date; fetch?: typeof fetch },
): Promise<Check> {
  const name = `intervals.icu ${source.path}`;
  const readd = `runcue source add-intervals ${quote(athleteName)} --athlete-id ${source.path} --api-key <key>`;
  if (apiKey === null) {
    return { status: 'fail', name, message: 'no API key is stored', hint: `add it with ${readd}` };
  }
  try {
    await checkIntervalsLogin({
      baseUrl: opts.baseUrl,
      athleteId: source.path,
      apiKey,
      now: opts.now,
      fetch: opts.fetch,
    });
  } catch (err) {
    if (
      isIntervalsError(err) &&
      (err.code === 'INTERVALS_UNAUTHORIZED' || err.code === 'INTERVALS_NOT_FOUND')
    ) {
      return {
        status: 'fail',
        name,
        message: 'intervals.icu does not accept this athlete id with the stored API key',
        hint: `copy both from intervals.icu Settings (the key under Developer Settings), then ${readd}`,
      };
    }
    return {
      status: 'fail',
      name,
      message: `cannot reach intervals.icu at ${maskUrl(opts.baseUrl)}: ${maskSecrets(errorMessage(err), [apiKey])}`,
      hint: 'check the network; runcue start keeps retrying',
    };
  }
  const synced =
    source.lastSyncedAt === null ? 'not synced yet' : `last synced ${source.lastSyncedAt.toISOString()}`;
  if (source.lastError !== null) {
    return {
      status: 'warn',
      name,
      message: `logs in for ${athleteName}; ${synced}; the last sync failed at ${source.lastError.at.toISOString()}: ${source.lastError.code}: ${maskSecrets(source.lastError.message, [apiKey])}`,
      hint: 'runcue start tries again at its next poll',
    };
  }
  return { status: 'ok', name, message: `logs in for ${athleteName}; ${synced}` };
}

function quote(s: string): string {
  return /^[\w.@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
