import {
  RAW_ENCODINGS,
  findFileBySha256,
  getFileBytes,
  insertFile,
  listFiles,
  type Db,
  type FileRecord,
} from '@runcue/store';
import { silentLogger, type Logger } from '../logger.ts';
import { fileRowOf } from './file-row.ts';
import { printable } from './printable.ts';
import { sha256Of } from './sha256.ts';
import type { IncomingFile, IngestFile, IngestOutcome } from './ingest-types.ts';

/** What accepting a file gave: kept and to be read (`pending`), or an outcome known at once. */
export type Accepted = { status: 'pending'; fileId: string } | IngestOutcome;

export interface IngestQueueOptions {
  readonly db: Db;
  /** How each accepted file is read and stored (`createIngestFile`), in the background. */
  readonly ingestFile: IngestFile;
  readonly clock: () => Date;
  /** Files larger than this are not accepted for later: they are read (and refused) at once. */
  readonly maxBytes: number;
  readonly logger?: Logger;
}

/**
 * Files answered as soon as they are safely stored, and read afterwards. `accept` keeps the file
 * (a `pending` row with its bytes, committed before it returns) and leaves its reading to the
 * background; the row then becomes imported, duplicate or failed like any other file. Bytes
 * already stored answer at once as duplicates, and a copy of a pending file answers with that
 * file. `resume` reads the files a stopped server left pending.
 */
export interface IngestQueue {
  accept(file: IncomingFile): Promise<Accepted>;
  /**
   * Reads every file left pending (by a crash or a stop), one after another, and returns how many
   * it found once they are read.
   */
  resume(): Promise<number>;
  /** Settles once every file accepted so far has been read (or has failed). */
  idle(): Promise<void>;
  /** Takes no more pending files to read and waits for those being read; safe to call twice. */
  stop(): Promise<void>;
}

export function createIngestQueue(options: IngestQueueOptions): IngestQueue {
  const { db, ingestFile, maxBytes } = options;
  const logger = options.logger ?? silentLogger;
  const reading = new Set<Promise<unknown>>();
  let stopped = false;
  const idle = async (): Promise<void> => {
    while (reading.size > 0) await Promise.all([...reading]);
  };

  const readLater = (file: IncomingFile): void => {
    const done = ingestFile(file).then(
      () => undefined,
      (error: unknown) =>
        // The file stays pending and is read again at the next start.
        logger.error(
          `while reading ${printable(file.name)}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
    reading.add(done);
    void done.then(() => reading.delete(done));
  };

  const accept = async (file: IncomingFile): Promise<Accepted> => {
    // Too large to keep: refused now, as a file read at once would be.
    if (file.bytes.byteLength > maxBytes) return ingestFile(file);
    const sha256 = await sha256Of(file.bytes);
    const known = await findFileBySha256(db, file.athleteId, sha256);
    if (known) {
      const settled = outcomeOf(known);
      if (settled) return settled;
      // A failed file is read again now, as it would be if sent without waiting.
      if (known.status === 'failed') return ingestFile(file);
      return { status: 'pending', fileId: known.id };
    }
    const fileId = await insertFile(db, {
      ...fileRowOf(file, sha256),
      // Kept as it came (no work on the caller's thread); the reading stores the compact form.
      bytes: { encoding: RAW_ENCODINGS.asIs, stored: file.bytes },
      status: 'pending',
      receivedAt: options.clock(),
    });
    if (fileId === null) {
      // A twin was kept between the lookup and the insert: answer with it.
      const twin = await findFileBySha256(db, file.athleteId, sha256);
      if (!twin) throw new Error('a file row vanished while it was being accepted');
      return outcomeOf(twin) ?? { status: 'pending', fileId: twin.id };
    }
    readLater(file);
    return { status: 'pending', fileId };
  };

  const resume = async (): Promise<number> => {
    const pending = await listFiles(db, { status: 'pending', limit: 100_000 });
    // Oldest first, as they arrived, one at a time (a long queue is not all held in memory).
    for (const row of pending.reverse()) {
      if (stopped) break;
      const bytes = await getFileBytes(db, row.id);
      if (!bytes) continue;
      const file = {
        athleteId: row.athleteId,
        bytes,
        name: row.originalName,
        arrival: row.arrival,
        fromArchive: row.fromArchive,
        origin: row.origin,
      };
      readLater(file);
      await idle();
    }
    return pending.length;
  };

  const stop = async (): Promise<void> => {
    stopped = true;
    await idle();
  };

  return { accept, resume, idle, stop };
}

/** A stored file's outcome as `ingestFile` gives it, or null while it is pending or failed. */
function outcomeOf(file: FileRecord): IngestOutcome | null {
  if (file.status === 'imported' && file.activityId !== null)
    return { status: 'duplicate', fileId: file.id, duplicateOf: file.activityId, reason: 'same-bytes' };
  if (file.status === 'duplicate' && file.duplicateOf !== null)
    return { status: 'duplicate', fileId: file.id, duplicateOf: file.duplicateOf, reason: 'same-bytes' };
  return null;
}
