import path from 'node:path';
import {
  createApi,
  createFolderWatcher,
  createIntervalsPoller,
  createWatchDeviceWatcher,
  mountOf,
  needsPolling,
  parseMountTable,
  readProcMounts,
  realScheduler,
} from '@runcue/ingest';
import type { WatchedFolder } from '@runcue/ingest';
import {
  archiveLimits,
  createIngestFile,
  createIngestPool,
  reanalyseAll,
  warmUpImport,
} from '@runcue/operations';
import type { ImportedActivity, IngestFile, IngestItem, Logger } from '@runcue/operations';
import {
  createUnsubscribeLinks,
  loadLinkSecret,
  startNotifier,
  type Notifier,
  type UnsubscribeLinks,
} from '@runcue/notifier';
import { linkBase } from '../link-base.ts';
import { followSources } from '../follow-sources.ts';
import { listSources, resolveAthlete } from '@runcue/store';
import type { Db } from '@runcue/store';
import type { CliContext } from '../cli-context.ts';
import { openDb } from '../open-db.ts';
import { watchSearch } from '../watch-search.ts';
import { firstRun } from '../first-run.ts';
import { describeItem } from '../describe-item.ts';

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

/**
 * Opens the database and starts the folder watcher and the HTTP API in this process. On a fresh
 * home with no athlete it creates one called 'me' and watches `<home>/inbox`, so a newcomer can
 * drop a FIT file there and see it arrive. Other services (the notifier) hook in with `onStop`.
 */
async function startServices(ctx: CliContext, opts: StartOptions): Promise<RunningServices> {
  const { db, close, where } = await openDb(ctx.config, { share: true });
  const stops: Array<() => Promise<void>> = [close];
  const logger: Logger = {
    info: (m) => ctx.stdout(`${m}\n`),
    warn: (m) => ctx.stderr(`warning: ${m}\n`),
    error: (m) => ctx.stderr(`error: ${m}\n`),
  };
  // Files are decoded and analysed in worker threads, so the API answers while one is read.
  const pool = createIngestPool();
  stops.push(() => pool.close());
  const ingestFile = createIngestFile({
    db,
    clock: ctx.now,
    maxBytes: ctx.config.maxFileBytes,
    summaryWindowDays: ctx.config.summaryWindowDays,
    onImported: opts.onImported,
    logger,
    pool,
  });
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
    const watcher = createFolderWatcher({
      db,
      ingestFile,
      folders,
      limits,
      logger,
      now: ctx.now,
      onResult: (r) => void describe(r).catch((e: unknown) => logger.error(String(e))),
    });
    stops.push(() => watcher.stop());
    await watcher.ready;
    let devices: { athleteId: string; stop: () => Promise<void> } | null = null;
    const followWatch = (athleteId: string | null) => {
      if (devices && devices.athleteId !== athleteId) {
        void devices.stop().catch((e: unknown) => logger.error(String(e)));
        devices = null;
      }
      if (athleteId === null || devices) return;
      const started = createWatchDeviceWatcher({
        db,
        ingestFile,
        limits,
        logger,
        now: ctx.now,
        athleteId,
        search: watchSearch(ctx.config),
        scheduler: realScheduler,
        onResult: (r) => void describe(r).catch((e: unknown) => logger.error(String(e))),
      });
      started.start();
      devices = { athleteId, stop: () => started.stop() };
    };
    stops.push(() => devices?.stop() ?? Promise.resolve());
    followWatch((await listSources(db)).find((src) => src.kind === 'watch')?.athleteId ?? null);
    // Sources added or removed by another terminal while this runs are picked up within seconds.
    const fromFlags = new Set(opts.watch.map((w) => path.resolve(ctx.config.cwd, w)));
    const following = followSources({
      db,
      intervalMs: SOURCE_POLL_MS,
      onFolders: async (wanted) => {
        const current = watcher.folders();
        for (const f of current)
          if (!fromFlags.has(f.path) && !wanted.some((w) => path.resolve(w.path) === f.path)) {
            await watcher.remove(f.path);
            ctx.stdout(`stopped watching ${f.path}\n`);
          }
        for (const f of wanted)
          if (!current.some((c) => c.path === path.resolve(f.path))) {
            const [polled] = await withPolling(ctx, [f]);
            if (polled) await watcher.add(polled);
            ctx.stdout(`watching ${f.path}${polled?.poll ? ' (polling)' : ''}\n`);
          }
      },
      onWatch: followWatch,
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
      onResult: (r) =>
        void describe({ ...r, name: `${r.name} (intervals.icu)` }).catch((e: unknown) =>
          logger.error(String(e)),
        ),
    });
    stops.push(() => poller.stop());
    poller.start();
    let url: string | null = null;
    if (opts.port !== null) {
      const logged: IngestFile = async (file) => {
        const outcome = await ingestFile(file);
        await describe({ name: `${file.name} (upload)`, outcome });
        return outcome;
      };
      const api = createApi({
        db,
        ingestFile: logged,
        maxBytes: ctx.config.maxFileBytes,
        logger,
        clock: ctx.now,
        limits,
        unsubscribe,
      });
      stops.push(() => api.close());
      url = await api.listen({ host: ctx.config.host, port: opts.port });
      if (ctx.config.publicUrl === null) links = createUnsubscribeLinks(url, secret);
    }
    ctx.stdout(`runcue is running (database: ${where})\n`);
    if (url)
      ctx.stdout(
        `API: ${url}/api/v1  (upload: POST ${url}/api/v1/uploads with a token from 'runcue athlete token')\n`,
      );
    for (const f of folders) ctx.stdout(`watching ${f.path}${f.poll ? ' (polling)' : ''}\n`);
    const remote = await listSources(db);
    if (remote.some((src) => src.kind === 'watch'))
      ctx.stdout('looking for a connected Garmin watch (MTP or USB storage) every few seconds\n');
    for (const src of remote.filter((x) => x.kind === 'intervals'))
      ctx.stdout(
        `syncing intervals.icu ${src.path} every ${Math.max(1, Math.round(ctx.config.intervalsPollSeconds / 60))} min\n`,
      );
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

async function foldersToWatch(ctx: CliContext, db: Db, opts: StartOptions): Promise<WatchedFolder[]> {
  const { first, sources } = await firstRun(ctx, db, { watching: opts.watch.length > 0 });
  const folders: Array<{ path: string; athleteId: string }> = sources
    .filter((s) => s.kind === 'folder')
    .map((s) => ({ path: s.path, athleteId: s.athleteId }));
  if (opts.watch.length > 0) {
    const owner = opts.athlete === undefined ? first : await resolveAthlete(db, opts.athlete);
    if (owner)
      for (const w of opts.watch)
        folders.push({ path: path.resolve(ctx.config.cwd, w), athleteId: owner.id });
  }
  return withPolling(ctx, folders);
}

/** inotify sees nothing on FUSE (MTP, sshfs) and network mounts: those folders are polled. */
async function withPolling(
  ctx: CliContext,
  folders: ReadonlyArray<{ path: string; athleteId: string }>,
): Promise<WatchedFolder[]> {
  const mounts = parseMountTable((await readProcMounts(ctx.config.mountTable)) ?? '');
  return folders.map((f) => ({ ...f, poll: needsPolling(mountOf(f.path, mounts)?.fsType ?? null) }));
}

/** How often a running `runcue start` reads the sources for ones added or removed elsewhere, ms. */
const SOURCE_POLL_MS = 2000;

export interface StartCommandOptions {
  readonly port: number | null;
  readonly watch: readonly string[];
  readonly athlete?: string;
}

/**
 * `runcue start` once its modules are loaded: the watcher, the API, the notifier and the
 * background reanalysis, until `stopRequested` settles (Ctrl-C or SIGTERM, caught by the command
 * from its first moment so that a stop during start-up is clean too).
 */
export async function runStart(
  ctx: CliContext,
  opts: StartCommandOptions,
  stopRequested: Promise<string>,
): Promise<void> {
  let notifier: Notifier | null = null;
  const services = await startServices(ctx, {
    ...opts,
    // Send a new run's summary at once rather than at the notifier's next poll.
    onImported: (imported) => {
      if (imported.summaryQueued) notifier?.wake();
    },
  });
  const started = startNotifier({
    db: services.db,
    config: ctx.config,
    clock: ctx.now,
    logger: services.logger,
    unsubscribe: services.unsubscribe,
  });
  notifier = started;
  services.onStop(() => started.stop());
  // Compile the decoder, the analysis and the storage codecs now rather than on the first run.
  setImmediate(() => {
    try {
      warmUpImport();
    } catch (e) {
      services.logger.error(`while warming up the decoder: ${String(e)}`);
    }
  });
  // Bring runs stored under an older analysis version up to date, in the background.
  const stopReanalysing = new AbortController();
  const reanalysing = reanalyseAll({
    db: services.db,
    clock: ctx.now,
    logger: services.logger,
    signal: stopReanalysing.signal,
  })
    .then(({ done, failed }) => {
      if (done + failed.length > 0)
        services.logger.info(
          `reanalysed ${done} stored runs with the current analysis, ${failed.length} failed`,
        );
    })
    .catch((e: unknown) => services.logger.error(`while reanalysing stored runs: ${String(e)}`));
  services.onStop(() => {
    stopReanalysing.abort();
    return reanalysing;
  });
  const signal = await stopRequested;
  ctx.stdout(`${signal}: stopping\n`);
  await services.stop();
}
