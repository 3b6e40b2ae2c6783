import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { packFitColumns, unpackFitColumns } from './fit-columns.ts';
import { StoreError } from './store-error.ts';

/**
 * How a received file's raw bytes are kept (`files.bytes_encoding`). Runs are kept so they can be
 * read again (a quarantined file retried, a new analysis version), and must come back byte for
 * byte: the file's sha256 is its identity.
 *
 * - 0 `as-is`: the bytes themselves (every row written before encodings existed).
 * - 1 `deflate`: raw deflate, for what is not a FIT file (a broken upload, a zip kept in quarantine).
 * - 2 `fit-columns`: `fit-columns.ts`, then raw deflate, written now as stored blocks (level 0):
 *   the columns are already delta-coded and bit-packed (0.30 of the FIT size), and compressing
 *   them further took 7 % off generated runs and 22 % off the corpus's for more CPU than packing
 *   the file itself (level 1 with `Z_RLE`, as rows written before were). Rows written with any
 *   deflate settings read the same way.
 *
 * Every `fit-columns` result is unpacked and compared with the original before it is used; if
 * they differ in any byte (a file shaped in a way the transform does not foresee), the file is
 * kept with `deflate` instead.
 */
export const RAW_ENCODINGS = { asIs: 0, deflate: 1, fitColumns: 2 } as const;
export type RawEncoding = (typeof RAW_ENCODINGS)[keyof typeof RAW_ENCODINGS];

/** A kept file that cannot be read back exactly (an unknown encoding, or damage). */
export class RawFileCodecError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RAW_FILE_CORRUPT', message, options);
  }
}

/** A file's bytes in their stored form. */
export interface EncodedRawFile {
  readonly encoding: RawEncoding;
  readonly stored: Uint8Array;
}

/** The stored form of a received file's bytes. */
export function encodeRawFile(bytes: Uint8Array): EncodedRawFile {
  const packed = packFitColumns(bytes);
  if (packed !== null) {
    const stored = deflate(packed, PACKED_DEFLATE);
    if (sameBytes(unpackSafely(packed), bytes)) return { encoding: RAW_ENCODINGS.fitColumns, stored };
  }
  return { encoding: RAW_ENCODINGS.deflate, stored: deflate(bytes, { level: 6 }) };
}

/**
 * The plain `deflate` form, compressed on libuv's thread pool rather than the caller's thread: for
 * a file whose reading was stopped (its worker ended) and that is kept all the same, without
 * blocking a server's event loop on tens of MB.
 */
export async function encodeRawFileDeflated(bytes: Uint8Array): Promise<EncodedRawFile> {
  const out = await deflateRawAsync(bytes, { level: 6 });
  return {
    encoding: RAW_ENCODINGS.deflate,
    stored: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
  };
}

const deflateRawAsync = promisify(deflateRaw);

/** The original bytes of a stored file; throws `RawFileCodecError` on an unknown encoding or damage. */
export function decodeRawFile(stored: Uint8Array, encoding: number): Uint8Array {
  try {
    switch (encoding) {
      case RAW_ENCODINGS.asIs:
        return stored;
      case RAW_ENCODINGS.deflate:
        return new Uint8Array(inflateRawSync(stored));
      case RAW_ENCODINGS.fitColumns:
        return unpackFitColumns(new Uint8Array(inflateRawSync(stored)));
      default:
        throw new Error(`unknown encoding ${encoding}`);
    }
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new RawFileCodecError(`A stored file could not be read back (${detail}).`, { cause });
  }
}

const PACKED_DEFLATE: ZlibOptions = { level: 0 };

function deflate(bytes: Uint8Array, options: ZlibOptions): Uint8Array {
  const out = deflateRawSync(bytes, options);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function unpackSafely(packed: Uint8Array): Uint8Array | null {
  try {
    return unpackFitColumns(packed);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (a === null || a.length !== b.length) return false;
  return Buffer.compare(a, b) === 0;
}
