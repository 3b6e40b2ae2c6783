import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { findFileBySha256, insertFile } from '@runcue/store';
import type { Db } from '@runcue/store';
import type { ArchiveError, ArchiveLimits } from './archive-error.ts';
import { extractFiles } from './extract-files.ts';
import { printable } from './printable.ts';
import type { ExtractSource } from './extract-files.ts';
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
 * the store itself propagate.
 */
export async function* ingestSource(
  source: ExtractSource,
  opts: IngestSourceOptions,
): AsyncGenerator<IngestItem> {
  for await (const item of extractFiles(source, opts.limits)) {
    const origin = opts.origin === null ? null : opts.origin + item.name.slice(source.name.length);
    if (item.ok) {
      const outcome = await opts.ingestFile({
        athleteId: opts.athleteId,
        bytes: item.bytes,
        name: item.name,
        arrival: opts.arrival,
        fromArchive: item.name !== source.name,
        origin,
      });
      yield { name: printable(item.name), outcome };
    } else {
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
      yield {
        name: printable(item.name),
        outcome: {
          status: 'failed',
          fileId,
          error: { code: item.error.code, message: printable(item.error.message) },
        },
      };
    }
  }
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
      : { sha256: sha256Hex(source.bytes), sizeBytes: source.bytes.byteLength };
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

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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
