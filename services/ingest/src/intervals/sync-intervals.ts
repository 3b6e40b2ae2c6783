import { z } from 'zod';
import {
  getSourceCursor,
  handledSourceItems,
  recordSourceItem,
  saveSourceCursor,
  type Db,
  type Source,
} from '@runcue/store';
import { ingestSource } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestItem, Logger } from '@runcue/operations';
import type { IntervalsActivity, IntervalsClient } from './intervals-client.ts';
import { IntervalsError } from './intervals-error.ts';

export interface SyncIntervalsOptions {
  readonly db: Db;
  /** An `intervals` source (its `path` is the intervals.icu athlete id). */
  readonly source: Source;
  readonly client: IntervalsClient;
  readonly ingestFile: IngestFile;
  readonly limits: ArchiveLimits;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Recorded as each file's origin: `<baseUrl>/api/v1/activity/<id>/file`. */
  readonly baseUrl: string;
  /** Backfill is listed in windows of this many days (default 30). */
  readonly windowDays?: number;
  /** Each sync looks this many days before its cursor again, for runs uploaded late (default 14). */
  readonly overlapDays?: number;
  /** `limit` of one listing request; a fuller page is followed by the next, older one (default 100). */
  readonly pageSize?: number;
  /** Called for every file's outcome, after it was stored. */
  readonly onResult?: (result: IngestItem & { readonly activityId: string }) => void;
}

export interface SyncIntervalsSummary {
  /** Activities listed (every page, boundaries counted once). */
  listed: number;
  /** Activities downloaded and ingested in this sync. */
  downloaded: number;
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  /** Listing entries that did not match the documented schema, in words. */
  invalid: string[];
}

/** Where a sync got to: every activity starting before `through` (local time) has been listed. */
const cursorSchema = z.object({
  v: z.literal(1),
  through: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
});

const DAY_MS = 86_400_000;
const MAX_PAGES_PER_WINDOW = 1000;

/**
 * One sync of an intervals.icu account: lists the activities from the cursor (less an overlap, for
 * runs uploaded late) or from the source's `since` date, window by window and page by page, and
 * downloads and ingests each run not handled before, through the same path as every other file
 * (dedupe, quarantine, one transaction per file). Each activity is recorded once handled, and the
 * cursor is saved after each window, so a sync that stops half-way (a crash, a rate limit, a
 * restart) resumes where it stopped and downloads nothing twice. An activity stored but not yet
 * recorded when a crash hit is downloaded again and comes out as a same-bytes duplicate.
 *
 * Listing entries that break the documented schema are reported in the summary and hold the
 * cursor at their window (so nothing they stand for is skipped for good); the rest go on. Errors
 * that stop the whole sync (the key refused, the server down past its retries) are thrown as
 * `IntervalsError`, after saving what was done.
 */
export async function syncIntervals(opts: SyncIntervalsOptions): Promise<SyncIntervalsSummary> {
  const { db, source, client } = opts;
  const windowDays = opts.windowDays ?? 30;
  const overlapDays = opts.overlapDays ?? 14;
  const pageSize = opts.pageSize ?? 100;
  const summary: SyncIntervalsSummary = {
    listed: 0,
    downloaded: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    skipped: 0,
    invalid: [],
  };
  const since = sinceOf(source);
  const stored = cursorSchema.safeParse(await getSourceCursor(db, source.id));
  let through = stored.success ? stored.data.through : null;
  const nowMs = opts.now().getTime();
  let windowStart =
    through === null ? toMs(since) : Math.max(toMs(since), toMs(through) - overlapDays * DAY_MS);
  let frozen = false;
  const seen = new Set<string>();

  const advance = async (to: string) => {
    if (frozen || (through !== null && to <= through)) return;
    through = to;
    await saveSourceCursor(db, source.id, { v: 1, through });
  };

  for (; windowStart <= nowMs + DAY_MS; windowStart += windowDays * DAY_MS) {
    const windowEnd = windowStart + windowDays * DAY_MS - 1000;
    // The window holding today is left open: `newest` "defaults to now" in the athlete's own time.
    const open = windowEnd >= nowMs;
    const oldest = toLocal(windowStart);
    let newest = open ? undefined : toLocal(windowEnd);
    let latest: string | null = null;
    let windowInvalid = 0;
    for (let page = 0; ; page += 1) {
      if (page >= MAX_PAGES_PER_WINDOW) {
        throw new IntervalsError('INTERVALS_BAD_RESPONSE', `listing from ${oldest} never ended`);
      }
      const listing = await client.listActivities({ oldest, newest, limit: pageSize });
      summary.invalid.push(...listing.invalid);
      windowInvalid += listing.invalid.length;
      // `newest` is inclusive, so the boundary activities of one page come again on the next.
      const fresh = listing.activities.filter((a) => !seen.has(a.id) && a.startDateLocal >= oldest);
      for (const a of fresh) seen.add(a.id);
      summary.listed += fresh.length;
      const handled = await handledSourceItems(
        db,
        source.id,
        fresh.map((a) => a.id),
      );
      const todo = fresh
        .filter((a) => !handled.has(a.id))
        .sort((a, b) => a.startDateLocal.localeCompare(b.startDateLocal));
      for (const a of todo) await handleActivity(a, opts, summary);
      for (const a of fresh) if (latest === null || a.startDateLocal > latest) latest = a.startDateLocal;
      if (listing.activities.length + listing.invalid.length < pageSize) break;
      const oldestOnPage = listing.activities.reduce<string | null>(
        (min, a) => (min === null || a.startDateLocal < min ? a.startDateLocal : min),
        null,
      );
      if (oldestOnPage === null || oldestOnPage < oldest) break;
      if (newest !== undefined && oldestOnPage >= newest) {
        throw new IntervalsError(
          'INTERVALS_BAD_RESPONSE',
          `more than ${pageSize} activities start at ${oldestOnPage}; the listing cannot be paged`,
        );
      }
      newest = oldestOnPage;
    }
    if (windowInvalid > 0) frozen = true;
    const done = open ? maxLocal(latest, toLocal(nowMs - DAY_MS)) : toLocal(windowEnd + 1000);
    await advance(done);
  }
  return summary;
}

/** Why an activity is not downloaded, or null to download it. */
function skipReason(a: IntervalsActivity): string | null {
  if (a.source?.toUpperCase() === 'STRAVA') {
    return 'comes from Strava, whose original files intervals.icu does not pass on';
  }
  if (a.type !== null && !/run/i.test(a.type)) return `is a ${a.type}, not a run`;
  if (a.fileType !== null && !/^fit/i.test(a.fileType)) {
    return `is a ${a.fileType} file; runcue reads FIT files`;
  }
  return null;
}

async function handleActivity(
  a: IntervalsActivity,
  opts: SyncIntervalsOptions,
  summary: SyncIntervalsSummary,
): Promise<void> {
  const { db, source } = opts;
  const record = (outcome: string, fileId: string | null, detail: string | null) =>
    recordSourceItem(db, {
      sourceId: source.id,
      itemId: a.id,
      fileId,
      outcome,
      detail,
      handledAt: opts.now(),
    });
  const skip = skipReason(a);
  if (skip !== null) {
    summary.skipped += 1;
    opts.logger.info(`intervals.icu ${source.path}: skipped activity ${a.id} (${a.startDateLocal}): ${skip}`);
    await record('skipped', null, skip);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await opts.client.downloadFile(a.id);
  } catch (err) {
    if (err instanceof IntervalsError && err.code === 'INTERVALS_NOT_FOUND') {
      summary.skipped += 1;
      await record('missing', null, 'intervals.icu has no original file for it (deleted, or from Strava)');
      return;
    }
    if (err instanceof IntervalsError && err.code === 'INTERVALS_FILE_TOO_LARGE') {
      summary.failed += 1;
      opts.logger.warn(`intervals.icu ${source.path}: activity ${a.id}: ${err.message}`);
      await record('failed', null, err.message);
      return;
    }
    throw err;
  }
  summary.downloaded += 1;
  const name = `intervals-${a.id}${extensionOf(bytes)}`;
  const origin = `${opts.baseUrl.replace(/\/$/, '')}/api/v1/activity/${a.id}/file`;
  let fileId: string | null = null;
  const statuses: string[] = [];
  const items = ingestSource(
    { name, bytes },
    {
      db,
      ingestFile: opts.ingestFile,
      athleteId: source.athleteId,
      arrival: 'intervals',
      origin,
      limits: opts.limits,
      now: opts.now,
    },
  );
  for await (const item of items) {
    fileId ??= item.outcome.fileId;
    statuses.push(item.outcome.status);
    opts.onResult?.({ ...item, activityId: a.id });
  }
  const outcome = statuses.includes('imported')
    ? 'imported'
    : statuses.includes('duplicate')
      ? 'duplicate'
      : 'failed';
  summary[outcome === 'imported' ? 'imported' : outcome === 'duplicate' ? 'duplicates' : 'failed'] += 1;
  await record(outcome, fileId, statuses.length === 0 ? 'held no FIT file' : null);
}

/** The name ingest reads the bytes by: a gzip is a `.fit.gz`, a zip a `.zip`, anything else `.fit`. */
function extensionOf(bytes: Uint8Array): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return '.fit.gz';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return '.zip';
  return '.fit';
}

function sinceOf(source: Source): string {
  const since = source.settings.since;
  return typeof since === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(since)
    ? `${since}T00:00:00`
    : '1970-01-01T00:00:00';
}

/** Local date-times are compared and stepped as if they were UTC: only their order matters. */
function toMs(local: string): number {
  return Date.parse(`${local.slice(0, 19)}Z`);
}

function toLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function maxLocal(a: string | null, b: string): string {
  const x = a?.slice(0, 19) ?? null;
  return x !== null && x > b ? x : b;
}
