import { getSourceSecret, listSources, recordSourceSync, type Db, type Source } from '@runcue/store';
import type { ArchiveLimits, IngestFile, IngestItem, Logger } from '@runcue/operations';
import type { Scheduler } from '../scheduler.ts';
import { createSerialLoop } from '../serial-loop.ts';
import { createIntervalsClient } from './intervals-client.ts';
import type { IntervalsClientOptions } from './intervals-client.ts';
import { IntervalsError } from './intervals-error.ts';
import { syncIntervals, type SyncIntervalsSummary } from './sync-intervals.ts';
import { maskSecrets } from '@runcue/errors';

/** The public intervals.icu site; tests and self-hosted proxies point elsewhere. */
export const INTERVALS_BASE_URL = 'https://intervals.icu';

export interface IntervalsPollerOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly limits: ArchiveLimits;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly scheduler: Scheduler;
  /** A number in [0, 1) for backoff jitter (Math.random in production). */
  readonly random: () => number;
  readonly baseUrl?: string;
  /** Pause between two polls of every account (default 10 minutes). */
  readonly intervalMs?: number;
  readonly maxFileBytes: number;
  readonly fetch?: typeof fetch;
  /** Passed to the client: request timeout and retry policy. */
  readonly client?: Pick<IntervalsClientOptions, 'timeoutMs' | 'retry' | 'maxListBytes'>;
  /** Passed to each sync: window, overlap and page sizes. */
  readonly sync?: { windowDays?: number; overlapDays?: number; pageSize?: number };
  readonly onResult?: (
    result: IngestItem & { readonly activityId: string; readonly athleteId: string },
  ) => void;
  /** Called after every poll of all accounts, with how each went. */
  readonly onPoll?: (reports: readonly PollReport[]) => void;
}

/** How one account's sync went in one poll. */
export type PollReport =
  | { readonly sourceId: string; readonly ok: true; readonly summary: SyncIntervalsSummary }
  | {
      readonly sourceId: string;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly summary: SyncIntervalsSummary | null;
    };

export interface IntervalsPoller {
  /** Polls every intervals.icu source once now (also while the loop sleeps). */
  pollOnce(): Promise<PollReport[]>;
  /** Starts polling in the background: at once, then every `intervalMs`. */
  start(): void;
  /** Stops the loop and any request in flight; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Polls every intervals.icu source in the store (read again on each poll, so an account added
 * while `runcue start` runs is picked up at the next poll). Each account's outcome is recorded on
 * its source (`last_synced_at`, or the error's code and message, which `runcue source list` and
 * `runcue doctor` show) and logged; nothing an account or its server does stops the loop. A rate
 * limit longer than the client waits in place delays the next poll until the server's time.
 */
export function createIntervalsPoller(opts: IntervalsPollerOptions): IntervalsPoller {
  const baseUrl = opts.baseUrl ?? INTERVALS_BASE_URL;
  const intervalMs = opts.intervalMs ?? 10 * 60_000;
  /** The longest wait a server asked for in the last poll; the next poll waits at least this. */
  let waitAtLeast = 0;

  const pollSource = async (source: Source, stopping: AbortSignal): Promise<PollReport> => {
    const apiKey = await getSourceSecret(opts.db, source.id);
    const label = `intervals.icu ${source.path}`;
    if (apiKey === null) {
      const message = 'no API key stored; add it again with runcue source add-intervals';
      await recordSourceSync(
        opts.db,
        source.id,
        { ok: false, code: 'INTERVALS_UNAUTHORIZED', message },
        opts.now(),
      );
      return { sourceId: source.id, ok: false, code: 'INTERVALS_UNAUTHORIZED', message, summary: null };
    }
    const client = createIntervalsClient({
      ...opts.client,
      baseUrl,
      athleteId: source.path,
      apiKey,
      scheduler: opts.scheduler,
      random: opts.random,
      now: opts.now,
      maxFileBytes: opts.maxFileBytes,
      signal: stopping,
      fetch: opts.fetch,
      onRetry: (r) =>
        opts.logger.warn(`${label}: ${r.reason}; trying again in ${Math.ceil(r.delayMs / 1000)} s`),
    });
    try {
      const summary = await syncIntervals({
        ...opts.sync,
        db: opts.db,
        source,
        client,
        ingestFile: opts.ingestFile,
        limits: opts.limits,
        logger: opts.logger,
        now: opts.now,
        baseUrl,
        onResult: (r) => opts.onResult?.({ ...r, athleteId: source.athleteId }),
      });
      if (summary.invalid.length > 0) {
        const message = `${summary.invalid.length} listed activities did not match the published API (${summary.invalid.slice(0, 3).join('; ')}); they are tried again at the next poll`;
        opts.logger.warn(`${label}: INTERVALS_BAD_RESPONSE: ${message}`);
        await recordSourceSync(
          opts.db,
          source.id,
          { ok: false, code: 'INTERVALS_BAD_RESPONSE', message },
          opts.now(),
        );
        return { sourceId: source.id, ok: false, code: 'INTERVALS_BAD_RESPONSE', message, summary };
      }
      await recordSourceSync(opts.db, source.id, { ok: true }, opts.now());
      return { sourceId: source.id, ok: true, summary };
    } catch (err) {
      if (stopping.aborted) throw err;
      const code = err instanceof IntervalsError ? err.code : 'INTERNAL';
      // Stored, logged and shown by doctor: never with the key, however a server echoed it.
      const message = maskSecrets(err instanceof Error ? err.message : String(err), [apiKey]);
      if (err instanceof IntervalsError) opts.logger.warn(`${label}: ${code}: ${message}`);
      else opts.logger.error(`${label}: ${code}: ${message}`);
      await recordSourceSync(opts.db, source.id, { ok: false, code, message }, opts.now()).catch(
        (e: unknown) => opts.logger.error(`${label}: could not record the failure: ${String(e)}`),
      );
      if (err instanceof IntervalsError && err.retryAfterMs !== null) waitAtLeast = err.retryAfterMs;
      return { sourceId: source.id, ok: false, code, message, summary: null };
    }
  };

  const pollAll = async (stopping: AbortSignal): Promise<PollReport[]> => {
    waitAtLeast = 0;
    const sources = (await listSources(opts.db)).filter((s) => s.kind === 'intervals');
    const reports: PollReport[] = [];
    for (const source of sources) {
      if (stopping.aborted) break;
      reports.push(await pollSource(source, stopping));
    }
    return reports;
  };

  const polls = createSerialLoop({
    run: pollAll,
    scheduler: opts.scheduler,
    pauseMs: () => Math.max(intervalMs, waitAtLeast),
    onRun: opts.onPoll,
    onError: (err) => opts.logger.error(`intervals.icu: ${err instanceof Error ? err.message : String(err)}`),
  });

  return { pollOnce: polls.runNow, start: polls.start, stop: polls.stop };
}
