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
const decodeFileName = (
  yauzl as unknown as {
    getFileNameLowLevel(flags: number, raw: Buffer, extra: Entry['extraFields'], strict: boolean): string;
  }
).getFileNameLowLevel;

/** Opens a zip from a file (read on demand, never loaded whole) or from bytes in memory. */
export function openZip(source: { path: string } | { bytes: Uint8Array }): Promise<ZipFile> {
  const options = {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
    strictFileNames: false,
    decodeStrings: false,
  };
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
