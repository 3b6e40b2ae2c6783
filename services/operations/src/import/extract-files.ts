import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzip } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { ArchiveError } from './archive-error.ts';
import type { ArchiveLimits } from './archive-error.ts';
import { fileKind, isIgnoredPath } from './file-names.ts';
import type { FileKind } from './file-names.ts';
import {
  copyEntryToFile,
  listEntries,
  openZip,
  openZipInZip,
  readEntry,
  toArchiveError,
} from './read-zip.ts';

/** One FIT file taken out of whatever held it, or the reason it could not be taken out. */
export type ExtractedItem =
  | { readonly ok: true; readonly name: string; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      readonly name: string;
      readonly error: ArchiveError;
      /** The unreadable file's own bytes, when they were in memory (a nested zip, a .fit.gz); never a bomb's. */
      readonly bytes?: Uint8Array;
    };

/** A file to open: on disk (read on demand) or already in memory (an upload). */
export type ExtractSource = { readonly name: string } & (
  { readonly path: string } | { readonly bytes: Uint8Array }
);

interface Budget {
  /** Bytes of FIT files taken out (the zips that held them are not counted). */
  totalBytes: number;
  entries: number;
}

/** A zip to open: a file or bytes, or a nested zip read in place from its parent. */
interface ZipSource {
  readonly name: string;
  readonly open: () => Promise<ZipFile>;
  /** The zip's own bytes when they are in memory, kept with a failure. */
  readonly bytes?: Uint8Array;
}

/**
 * A nested zip up to this size (and the per-file limit) is read into memory, and kept with a
 * failure; a larger one,
 * like a Garmin export's parts of hundreds of MB, is read in place (stored) or through a
 * temporary file (deflated), never held whole in memory.
 */
const NESTED_ZIP_IN_MEMORY_BYTES = 8 * 1024 * 1024;

/**
 * Entries smaller than this are never judged by their compression ratio (tiny files compress
 * oddly). Real FIT files compress at most about 12:1 (the corpus); 64 KiB of one-byte records
 * that compress 900:1 are refused rather than read as 64,000 records.
 */
const RATIO_FLOOR_BYTES = 64 * 1024;

/**
 * Yields the FIT files inside `source`, one at a time: a `.fit` as is, a `.fit.gz` gunzipped, a
 * `.zip` (Garmin Connect export) opened recursively, zips inside zips included. Other entries
 * (JSON, images, `__MACOSX`) are skipped. A whole-archive problem (a bomb, a corrupt directory)
 * yields one failed item named after the archive before anything in it is yielded; a problem with
 * one entry (an unsafe path, too large, encrypted) yields a failed item for that entry (with its
 * bytes when they could be read, for quarantine) and the rest continue.
 */
export async function* extractFiles(
  source: ExtractSource,
  limits: ArchiveLimits,
): AsyncGenerator<ExtractedItem> {
  const kind = fileKind(source.name);
  if (kind === null) return;
  yield* extractKind(source, kind, limits, { totalBytes: 0, entries: 0 }, 0);
}

async function* extractKind(
  source: ExtractSource,
  kind: FileKind,
  limits: ArchiveLimits,
  budget: Budget,
  depth: number,
): AsyncGenerator<ExtractedItem> {
  if (kind === 'zip') {
    const zip: ZipSource =
      'bytes' in source
        ? { name: source.name, bytes: source.bytes, open: () => openZip({ bytes: source.bytes }) }
        : { name: source.name, open: () => openZip({ path: source.path }) };
    yield* extractZip(zip, limits, budget, depth);
    return;
  }
  let raw: Uint8Array | undefined;
  try {
    raw = 'bytes' in source ? source.bytes : await readSmallFile(source.path, limits.maxEntryBytes);
    const bytes = kind === 'fit.gz' ? await gunzipLimited(raw, limits) : raw;
    yield { ok: true, name: source.name, bytes };
  } catch (err) {
    yield fail(source.name, err, raw);
  }
}

async function* extractZip(
  source: ZipSource,
  limits: ArchiveLimits,
  budget: Budget,
  depth: number,
): AsyncGenerator<ExtractedItem> {
  if (depth > limits.maxDepth) {
    yield fail(source.name, tooDeep(limits), source.bytes);
    return;
  }
  let zip: ZipFile;
  let wanted: Array<{ entry: Entry; kind: FileKind; unsafe: string | null }>;
  try {
    zip = await source.open();
  } catch (err) {
    yield fail(source.name, err, source.bytes);
    return;
  }
  try {
    const entries = await listEntries(zip, limits.maxEntries - budget.entries);
    budget.entries += entries.length;
    wanted = [];
    let declared = 0;
    for (const { entry, name, unsafe } of entries) {
      // An unsafe name is reported even where its `..` would make it look hidden.
      const skipped = name.endsWith('/') || (unsafe === null && isIgnoredPath(name));
      const kind = skipped ? null : fileKind(name);
      if (kind === null) continue;
      wanted.push({ entry, kind, unsafe });
      if (kind !== 'zip') declared += entry.uncompressedSize;
    }
    if (budget.totalBytes + declared > limits.maxTotalBytes) {
      throw new ArchiveError(
        'ARCHIVE_TOO_LARGE',
        `would inflate to ${declared} bytes; the limit is ${limits.maxTotalBytes}`,
      );
    }
  } catch (err) {
    zip.close();
    yield fail(source.name, err, source.bytes);
    return;
  }
  try {
    for (const { entry, kind, unsafe } of wanted) {
      const name = `${source.name}!/${entry.fileName}`;
      const problem = entryProblem(entry, kind, limits);
      if (problem) {
        yield fail(name, problem);
        continue;
      }
      if (unsafe !== null) {
        // Refused, its bytes kept for quarantine when they fit: the name is only ever a string here.
        const refused = toArchiveError(new Error(unsafe));
        const bytes = await readEntry(zip, entry, limits.maxEntryBytes).catch(() => undefined);
        yield fail(name, refused, bytes);
        continue;
      }
      const inMemoryZipBytes = Math.min(NESTED_ZIP_IN_MEMORY_BYTES, limits.maxEntryBytes);
      if (kind === 'zip' && entry.uncompressedSize > inMemoryZipBytes) {
        yield* extractLargeNestedZip(zip, entry, name, limits, budget, depth + 1);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readEntry(zip, entry, kind === 'zip' ? inMemoryZipBytes : limits.maxEntryBytes);
      } catch (err) {
        yield fail(name, err);
        continue;
      }
      if (kind !== 'zip') budget.totalBytes += bytes.byteLength;
      if (budget.totalBytes > limits.maxTotalBytes) {
        yield fail(
          name,
          new ArchiveError('ARCHIVE_TOO_LARGE', `inflates past ${limits.maxTotalBytes} bytes in total`),
        );
        return;
      }
      yield* extractKind({ name, bytes }, kind, limits, budget, depth + 1);
    }
  } finally {
    zip.close();
  }
}

/**
 * Reads a nested zip too large to hold in memory. A stored one (the usual way to put a zip in a
 * zip) is read in place, range by range, from its parent; a deflated one is inflated once into a
 * temporary file, removed when done.
 */
async function* extractLargeNestedZip(
  parent: ZipFile,
  entry: Entry,
  name: string,
  limits: ArchiveLimits,
  budget: Budget,
  depth: number,
): AsyncGenerator<ExtractedItem> {
  if (entry.compressionMethod === 0 && !entry.isEncrypted()) {
    yield* extractZip({ name, open: () => openZipInZip(parent, entry) }, limits, budget, depth);
    return;
  }
  if (depth > limits.maxDepth) {
    yield fail(name, tooDeep(limits)); // refused before anything is copied
    return;
  }
  let dir: string | null = null;
  try {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-zip-'));
    const file = path.join(dir, 'part.zip');
    try {
      // A part cannot hold more than the FIT bytes the archive may still give.
      await copyEntryToFile(parent, entry, file, limits.maxTotalBytes - budget.totalBytes);
    } catch (err) {
      yield fail(name, err);
      return;
    }
    yield* extractZip({ name, open: () => openZip({ path: file }) }, limits, budget, depth);
  } finally {
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}

function tooDeep(limits: ArchiveLimits): ArchiveError {
  return new ArchiveError('ARCHIVE_TOO_DEEP', `nests zips more than ${limits.maxDepth} deep`);
}

function entryProblem(entry: Entry, kind: FileKind, limits: ArchiveLimits): ArchiveError | null {
  // A zip is only a container: the per-file limit applies to each FIT file inside it.
  const max = kind === 'zip' ? limits.maxTotalBytes : limits.maxEntryBytes;
  if (entry.uncompressedSize > max) {
    if (kind === 'zip')
      return new ArchiveError(
        'ARCHIVE_TOO_LARGE',
        `inflates to ${entry.uncompressedSize} bytes; the limit is ${limits.maxTotalBytes}`,
      );
    return new ArchiveError(
      'ARCHIVE_ENTRY_TOO_LARGE',
      `inflates to ${entry.uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`,
    );
  }
  if (
    entry.uncompressedSize > RATIO_FLOOR_BYTES &&
    entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
  ) {
    const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
    return new ArchiveError(
      'ARCHIVE_RATIO_EXCEEDED',
      `compresses ${ratio}:1, more than the ${limits.maxRatio}:1 a real file reaches`,
    );
  }
  return null;
}

async function readSmallFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.size > maxBytes)
    throw new ArchiveError('FILE_TOO_LARGE', `is ${info.size} bytes; the limit is ${maxBytes}`);
  return new Uint8Array(await readFile(path));
}

function gunzipLimited(raw: Uint8Array, limits: ArchiveLimits): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gunzip(raw, { maxOutputLength: limits.maxEntryBytes }, (err, out) => {
      if (err) {
        const tooLarge =
          err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        reject(
          tooLarge
            ? new ArchiveError('ARCHIVE_ENTRY_TOO_LARGE', `gunzips past ${limits.maxEntryBytes} bytes`, {
                cause: err,
              })
            : new ArchiveError('ARCHIVE_CORRUPT', `is not a readable gzip file (${err.message})`, {
                cause: err,
              }),
        );
        return;
      }
      if (out.byteLength > RATIO_FLOOR_BYTES && out.byteLength > limits.maxRatio * raw.byteLength) {
        reject(
          new ArchiveError(
            'ARCHIVE_RATIO_EXCEEDED',
            `gunzips ${Math.round(out.byteLength / raw.byteLength)}:1`,
          ),
        );
        return;
      }
      resolve(new Uint8Array(out));
    });
  });
}

function fail(name: string, err: unknown, bytes?: Uint8Array): ExtractedItem {
  const error = err instanceof Error ? toArchiveError(err) : toArchiveError(new Error(String(err)));
  return bytes === undefined ? { ok: false, name, error } : { ok: false, name, error, bytes };
}
