import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createApi, createFolderWatcher, createIntervalsPoller, realScheduler } from '@runcue/ingest';
import type { WatchedFolder } from '@runcue/ingest';
import { archiveLimits, createIngestPool, createIngestQueue } from '@runcue/operations';
import type { ImportedActivity, IngestFile, IngestItem, Logger } from '@runcue/operations';
import { createUnsubscribeLinks, loadLinkSecret, type UnsubscribeLinks } from '@runcue/notifier';
import { listSources, type Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { describeItem } from '../../describe-item.ts';
import { followSources } from '../../follow-sources.ts';
import { ingestFileOf } from '../../ingest-file-of.ts';
import { linkBase } from '../../link-base.ts';
import { openDb } from '../../open-db.ts';
import { createWatchFollower } from './follow-watch.ts';
import { printStarted } from './print-started.ts';
import { followFolders, foldersToWatch } from './watched-folders.ts';

interface StartOptions {
  /** Port for the API (0 picks a free one); null runs without the API. */
  readonly port: number | null;
  /** Extra folders to watch for this run only, for `athlete` (or the first athlete). */
  readonly watch: readonly string[];
  readonly athlete?: string;
  /** Called after each new activity is stored, e.g. to wake the notifier. */
  readonly onImported?: (imported: ImportedActivity) => void;
}

interface RunningServices {
  readonly db: Db;
  /**
   * Signs the unsubscribe links of the emails this server sends, and serves them; null without the
   * HTTP server (`--no-api`), where no link would be answered, so emails carry none.
   */
  readonly unsubscribe: UnsubscribeLinks | null;
  readonly ingestFile: IngestFile;
  readonly logger: Logger;
  /** `http://host:port` of the API, or null without it. */
  readonly url: string | null;
  readonly folders: readonly WatchedFolder[];
  /** Register something to stop before the database closes (e.g. the notifier); stopped last-in first-out. */
  readonly onStop: (fn: () => Promise<void>) => void;
  /** Stops everything; safe to call more than once. */
  stop(): Promise<void>;
}

/** How often a running `runcue start` reads the sources for ones added or removed elsewhere, ms. */
const SOURCE_POLL_MS = 2000;

/**
 * The running server's composition root: opens the database and starts, in this process, the
 * folder watcher, the watch finder, the intervals.icu poller and the HTTP API, all storing through
 * one ingest pool. On a fresh home with no athlete it creates one called 'me' and watches
 * `<home>/inbox`, so a newcomer can drop a FIT file there and see it arrive. Other services (the
 * notifier) hook in with `onStop`.
 */
export async function startServices(ctx: CliContext, opts: StartOptions): Promise<RunningServices> {
  const { db, close, where } = await openDb(ctx.config, { share: true });
  const stops: Array<() => Promise<void>> = [close];
  const logger: Logger = {
    info: (m) => ctx.stdout(`${m}\n`),
    warn: (m) => ctx.stderr(`warning: ${m}\n`),
    error: (m) => ctx.stderr(`error: ${m}\n`),
  };
  // Files are decoded and analysed in worker threads, so the API answers while one is read. One
  // worker stays warm: a run copied in after hours of quiet is read at once. One core is left to
  // this thread (the API, and with PGlite the database): on 2 cores a second worker started for a
  // burst compiled the decoder again (with V8's helper threads) while the burst waited, and 200
  // uploads took about 40% more CPU and a quarter longer to answer than with one warm worker.
  const pool = createIngestPool({ keepWarm: true, threads: Math.max(1, availableParallelism() - 1) });
  stops.push(() => pool.close());
  const ingestFile = ingestFileOf(ctx, db, pool, { onImported: opts.onImported, logger });
  const limits = archiveLimits(ctx.config.maxFileBytes);
  // Links are signed for the address runcue answers on; the API's port is known once it listens.
  const secret = await loadLinkSecret(ctx.config.home);
  let links = createUnsubscribeLinks(linkBase(ctx), secret);
  const unsubscribe: UnsubscribeLinks = {
    url: (athleteId, kind) => links.url(athleteId, kind),
    verify: (athleteId, kind, signature) => links.verify(athleteId, kind, signature),
  };
  const folders = await foldersToWatch(ctx, db, opts);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      for (const fn of stops.reverse())
        await fn().catch((e: unknown) => logger.error(`while stopping: ${String(e)}`));
    })();
    return stopping;
  };
  try {
    const describe = async (item: IngestItem) => logger.info(await describeItem(db, item));
    const onResult = (r: IngestItem) => void describe(r).catch((e: unknown) => logger.error(String(e)));
    const watcher = createFolderWatcher({ db, ingestFile, folders, limits, logger, now: ctx.now, onResult });
    stops.push(() => watcher.stop());
    await watcher.ready;
    const watch = createWatchFollower(ctx, { db, ingestFile, limits, logger, onResult });
    stops.push(() => watch.stop());
    watch.follow((await listSources(db)).find((src) => src.kind === 'watch')?.athleteId ?? null);
    // Sources added or removed by another terminal while this runs are picked up within seconds.
    const fromFlags = new Set(opts.watch.map((w) => path.resolve(ctx.config.cwd, w)));
    const following = followSources({
      db,
      intervalMs: SOURCE_POLL_MS,
      onFolders: (wanted) => followFolders(ctx, watcher, fromFlags, wanted),
      onWatch: (athleteId) => watch.follow(athleteId),
      onError: (e) => logger.error(`while reading the sources: ${String(e)}`),
    });
    stops.push(() => following.stop());
    // The poller reads the list of accounts on every poll, so one added later is picked up too.
    const poller = createIntervalsPoller({
      db,
      ingestFile,
      limits,
      logger,
      now: ctx.now,
      scheduler: realScheduler,
      random: Math.random,
      baseUrl: ctx.config.intervalsUrl,
      intervalMs: ctx.config.intervalsPollSeconds * 1000,
      maxFileBytes: ctx.config.maxFileBytes,
      onResult: (r) => onResult({ ...r, name: `${r.name} (intervals.icu)` }),
    });
    stops.push(() => poller.stop());
    poller.start();
    let url: string | null = null;
    if (opts.port !== null) {
      // The log line is written after the upload is answered.
      const logged: IngestFile = async (file) => {
        const outcome = await ingestFile(file);
        onResult({ name: `${file.name} (upload)`, outcome });
        return outcome;
      };
      // Uploads sent with `Prefer: respond-async` are answered once kept and read here afterwards.
      const queue = createIngestQueue({
        db,
        ingestFile: logged,
        clock: ctx.now,
        maxBytes: ctx.config.maxFileBytes,
        logger,
      });
      stops.push(() => queue.stop());
      const api = createApi({
        db,
        ingestFile: logged,
        maxBytes: ctx.config.maxFileBytes,
        logger,
        clock: ctx.now,
        limits,
        unsubscribe,
        queue,
      });
      stops.push(() => api.close());
      // Uploads kept but not read when this server last stopped are read now, in the background.
      void queue
        .resume()
        .then((n) => {
          if (n > 0) logger.info(`read ${n} uploads kept before the last stop`);
        })
        .catch((e: unknown) => logger.error(`while reading kept uploads: ${String(e)}`));
      url = await api.listen({ host: ctx.config.host, port: opts.port });
      if (ctx.config.publicUrl === null) links = createUnsubscribeLinks(url, secret);
    }
    await printStarted(ctx, db, { where, url, folders });
    return {
      db,
      unsubscribe: url === null ? null : unsubscribe,
      ingestFile,
      logger,
      url,
      folders,
      onStop: (fn) => stops.push(fn),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
