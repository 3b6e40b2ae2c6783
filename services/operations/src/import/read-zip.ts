import { createWriteStream } from 'node:fs';
import { PassThrough, Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ArchiveError } from './archive-error.ts';

/**
 * Thin promise wrappers over yauzl. Entries are never written to disk: a name like
 * `../../etc/passwd` is only ever a string here. Names are decoded and checked per entry (yauzl
 * would refuse the whole zip for one unsafe name), so one bad entry does not cost the others.
 */

/** One entry of the central directory, its name decoded, and why that name is unsafe (or null). */
export interface ZipEntry {
  readonly entry: Entry;
  readonly name: string;
  readonly unsafe: string | null;
}

// yauzl's own decoding (CP437 or UTF-8, Info-ZIP Unicode path fields), not in its type definitions.
const { getFileNameLowLevel: decodeFileName } = yauzl as unknown as {
  getFileNameLowLevel: (flags: number, raw: Buffer, extra: Entry['extraFields'], strict: boolean) => string;
};

const zipOptions = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  strictFileNames: false,
  decodeStrings: false,
};

/** Opens a zip from a file (read on demand, never loaded whole) or from bytes in memory. */
export function openZip(source: { path: string } | { bytes: Uint8Array }): Promise<ZipFile> {
  const options = zipOptions;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: ZipFile) => {
      if (err || !zip) reject(toArchiveError(err ?? new Error('no zip file')));
      else resolve(zip);
    };
    if ('path' in source) yauzl.open(source.path, options, done);
    else
      yauzl.fromBuffer(
        Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength),
        options,
        done,
      );
  });
}

/**
 * Reads the central directory: every entry's name and declared sizes, nothing decompressed. An
 * absolute name, a `..` segment or a drive letter marks that entry unsafe; the listing goes on.
 */
export function listEntries(zip: ZipFile, maxEntries: number): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    const onEntry = (entry: Entry) => {
      const raw = entry.fileName as unknown as Buffer; // decodeStrings: false
      const name = decodeFileName(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      entry.fileName = name;
      entries.push({ entry, name, unsafe: yauzl.validateFileName(name) });
      if (entries.length > maxEntries) {
        cleanup();
        reject(new ArchiveError('ARCHIVE_TOO_MANY_ENTRIES', `holds more than ${maxEntries} entries`));
        return;
      }
      zip.readEntry();
    };
    const onEnd = () => {
      cleanup();
      resolve(entries);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(toArchiveError(err));
    };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Decompresses one entry into memory, stopping as soon as it passes `maxBytes`. */
export function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) {
        reject(toArchiveError(err));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          stream.destroy();
          reject(
            new ArchiveError('ARCHIVE_ENTRY_TOO_LARGE', `${entry.fileName} inflates past ${maxBytes} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: Error) => reject(toArchiveError(e)));
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    });
  });
}

/** Maps yauzl's plain `Error` messages to stable codes. */
export function toArchiveError(err: Error): ArchiveError {
  if (err instanceof ArchiveError) return err;
  const m = err.message;
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(m)) {
    return new ArchiveError('ARCHIVE_UNSAFE_PATH', `holds an entry that points outside the archive (${m})`, {
      cause: err,
    });
  }
  if (/encrypted/i.test(m)) return new ArchiveError('ARCHIVE_ENTRY_ENCRYPTED', m, { cause: err });
  if ('code' in err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) {
    return new ArchiveError('FILE_UNREADABLE', m, { cause: err });
  }
  return new ArchiveError('ARCHIVE_CORRUPT', `is not a readable zip file (${m})`, { cause: err });
}

/**
 * Reads a stored (uncompressed) zip inside a zip in place: every read the inner zip asks for is
 * a byte range of the parent's entry, so a part of hundreds of MB is never held in memory. The
 * entry's local header is read once, not before every range (two ranges a FIT file), and a range
 * is read in reads of up to 256 KiB rather than 16 KiB: reading a 100-run part cost the main
 * thread of `runcue import` about 0.2 s of CPU in those small reads and headers.
 */
class EntryRangeReader extends yauzl.RandomAccessReader {
  private dataStart: number | null = null;

  constructor(
    private readonly parent: ZipFile,
    private readonly entry: Entry,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end > this.entry.compressedSize) {
      const out = new PassThrough();
      out.destroy(new Error(`a range past the end of ${this.entry.fileName}`));
      return out;
    }
    if (this.dataStart !== null) return this.parentRange(this.dataStart, start, end);
    const out = new PassThrough();
    (this.parent as unknown as ParentReader).readLocalFileHeader(
      this.entry,
      { minimal: true },
      (err, header) => {
        if (err) {
          out.destroy(err);
          return;
        }
        this.dataStart = header.fileDataStart;
        pipeline(this.parentRange(header.fileDataStart, start, end), out).catch((e: unknown) =>
          out.destroy(e as Error),
        );
      },
    );
    return out;
  }

  private parentRange(dataStart: number, start: number, end: number): Readable {
    return (this.parent as unknown as ParentReader).reader.createReadStream({
      start: dataStart + start,
      end: dataStart + end,
      highWaterMark: RANGE_CHUNK_BYTES,
    });
  }
}

const RANGE_CHUNK_BYTES = 256 * 1024;

/** yauzl's reading of a zip's bytes: its `reader`, and a local header (not in its type definitions). */
interface ParentReader {
  readLocalFileHeader(
    entry: Entry,
    options: { minimal: true },
    done: (err: Error | null, header: { fileDataStart: number }) => void,
  ): void;
  readonly reader: {
    createReadStream(range: { start: number; end: number; highWaterMark: number }): Readable;
  };
}

/** Opens a stored zip entry of `parent` as a zip of its own, without reading it whole. */
export function openZipInZip(parent: ZipFile, entry: Entry): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const reader = new EntryRangeReader(parent, entry);
    yauzl.fromRandomAccessReader(reader, entry.uncompressedSize, zipOptions, (err, zip) => {
      if (err || !zip) reject(toArchiveError(err ?? new Error('no zip file')));
      else resolve(zip);
    });
  });
}

/**
 * Inflates one entry into a file, a chunk at a time, stopping with ARCHIVE_TOO_LARGE once it
 * passes `maxBytes`. Returns the bytes written.
 */
export function copyEntryToFile(zip: ZipFile, entry: Entry, file: string, maxBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) {
        reject(toArchiveError(err));
        return;
      }
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes)
            done(new ArchiveError('ARCHIVE_TOO_LARGE', `${entry.fileName} inflates past ${maxBytes} bytes`));
          else done(null, chunk);
        },
      });
      pipeline(stream, limit, createWriteStream(file)).then(
        () => resolve(size),
        (e: unknown) => reject(toArchiveError(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  });
}
