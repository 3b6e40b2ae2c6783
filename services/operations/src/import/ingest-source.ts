import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { findFileBySha256, insertFile } from '@runcue/store';
import type { Athlete, Db } from '@runcue/store';
import type { ArchiveError, ArchiveLimits } from './archive-error.ts';
import { extractFiles } from './extract-files.ts';
import { printable } from './printable.ts';
import { sha256Of } from './sha256.ts';
import type { ExtractedItem, ExtractSource } from './extract-files.ts';
import type { StagedIngestFile } from './ingest-file.ts';
import type { FileArrival } from '@runcue/store';
import type { IngestError, IngestFile, IngestOutcome } from './ingest-types.ts';

/** The outcome for one file taken from a source, named as the runner would recognise it. */
export interface IngestItem {
  /** The file's name with control characters escaped (`printable`), safe to print on one line. */
  readonly name: string;
  readonly outcome: IngestOutcome | { status: 'failed'; fileId: string | null; error: IngestError };
}

export interface IngestSourceOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly athleteId: string;
  /** The athlete behind `athleteId`, when the caller has just read it (`IncomingFile.athlete`). */
  readonly athlete?: Athlete;
  /** How the source arrived; whether each file came out of a zip is told per file. */
  readonly arrival: FileArrival;
  /** Where the source came from: its absolute path, or the client address for an upload. */
  readonly origin: string | null;
  readonly limits: ArchiveLimits;
  readonly now: () => Date;
}

/**
 * Ingests every FIT file inside one source (a `.fit`, `.fit.gz` or zip), yielding one result per
 * file as it goes. A FIT file that cannot be decoded is quarantined by `ingestFile`; an archive
 * that cannot be opened at all (corrupt, unsafe paths, a bomb) is quarantined here under its own
 * code, with its bytes when they came in memory, and so is a broken zip or .fit.gz inside a zip.
 * An entry refused unread (a bomb, an unsafe name) is reported but has no bytes to keep. Errors of
 * the store itself propagate. With `createIngestFile`'s ingest and a worker pool, up to its
 * `lookahead` files are decoded and analysed ahead while the one before them is stored; files are
 * still stored, one transaction each, and yielded in their order in the source.
 */
export async function* ingestSource(
  source: ExtractSource,
  opts: IngestSourceOptions,
): AsyncGenerator<IngestItem> {
  const ingest = opts.ingestFile;
  const staged =
    'begin' in ingest && typeof ingest.begin === 'function' ? (ingest as StagedIngestFile) : null;
  const lookahead = staged?.lookahead ?? 0;
  // Files begun (decoding in the pool) while the one before them is being stored; stored in order.
  const pending: Array<() => Promise<IngestItem>> = [];
  for await (const item of extractFiles(source, opts.limits)) {
    pending.push(start(item, source, opts, staged));
    while (pending.length > lookahead) yield await next(pending);
  }
  while (pending.length > 0) yield await next(pending);
}

function next(pending: Array<() => Promise<IngestItem>>): Promise<IngestItem> {
  const first = pending.shift();
  if (!first) throw new Error('nothing pending');
  return first();
}

/** Begins one extracted item and returns what stores it and names its outcome. */
function start(
  item: ExtractedItem,
  source: ExtractSource,
  opts: IngestSourceOptions,
  staged: StagedIngestFile | null,
): () => Promise<IngestItem> {
  const origin = opts.origin === null ? null : opts.origin + item.name.slice(source.name.length);
  if (item.ok) {
    const file = {
      athleteId: opts.athleteId,
      ...(opts.athlete ? { athlete: opts.athlete } : {}),
      bytes: item.bytes,
      name: item.name,
      arrival: opts.arrival,
      fromArchive: item.name !== source.name,
      origin,
    };
    const store = staged ? staged.begin(file) : () => opts.ingestFile(file);
    return async () => ({ name: printable(item.name), outcome: await store() });
  }
  return async () => {
    const unreadable =
      item.name === source.name ? source : item.bytes ? { name: item.name, bytes: item.bytes } : null;
    const fileId = unreadable
      ? await recordArchiveFailure(
          unreadable,
          item.error,
          { origin, fromArchive: unreadable !== source },
          opts,
        )
      : null;
    return {
      name: printable(item.name),
      outcome: {
        status: 'failed',
        fileId,
        error: { code: item.error.code, message: printable(item.error.message) },
      },
    };
  };
}

async function recordArchiveFailure(
  source: ExtractSource,
  error: ArchiveError,
  where: { origin: string | null; fromArchive: boolean },
  opts: IngestSourceOptions,
): Promise<string | null> {
  if (error.code === 'FILE_UNREADABLE') return null;
  const bytes = 'bytes' in source ? source.bytes : null;
  const { sha256, sizeBytes } =
    'path' in source
      ? await hashFile(source.path)
      : { sha256: await sha256Of(source.bytes), sizeBytes: source.bytes.byteLength };
  const id = await insertFile(opts.db, {
    athleteId: opts.athleteId,
    sha256,
    sizeBytes,
    originalName: printable(source.name),
    arrival: opts.arrival,
    fromArchive: where.fromArchive,
    origin: where.origin === null ? null : printable(where.origin),
    bytes: bytes && bytes.byteLength <= opts.limits.maxEntryBytes ? bytes : null,
    status: 'failed',
    error: { code: error.code, message: error.message },
    receivedAt: opts.now(),
  });
  return id ?? (await findFileBySha256(opts.db, opts.athleteId, sha256))?.id ?? null;
}

async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    sizeBytes += b.length;
    hash.update(b);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
