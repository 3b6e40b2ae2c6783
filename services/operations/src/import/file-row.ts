import { printable } from './printable.ts';
import type { IncomingFile } from './ingest-types.ts';

/**
 * What the files table records of an incoming file before it is read: whose it is, its digest
 * and size, and how it came. Names and origins are stored as printed (a control character, a NUL
 * PostgreSQL refuses or a newline, escaped), so a listing or a log line stays one line.
 */
export function fileRowOf(file: IncomingFile, sha256: string) {
  return {
    athleteId: file.athleteId,
    sha256,
    sizeBytes: file.bytes.byteLength,
    originalName: printable(file.name),
    arrival: file.arrival,
    fromArchive: file.fromArchive,
    origin: file.origin === null ? null : printable(file.origin),
  } as const;
}
