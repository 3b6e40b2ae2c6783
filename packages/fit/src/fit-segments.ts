import { fitCrc } from './fit-crc.ts';

/** One FIT file inside a byte buffer: a header, a data area and (normally) a 2-byte CRC. */
export interface FitSegment {
  /** Offset of the header in the whole buffer. */
  readonly start: number;
  readonly headerSize: number;
  /** Data size the header declares. */
  readonly declaredDataSize: number;
  /** Offsets of the data area actually available in the buffer, [dataStart, dataEnd). */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** The data area is shorter than declared, or the header declared 0 bytes and data follows. */
  readonly truncated: boolean;
  /** File CRC present and matching; null when the CRC bytes are missing. */
  readonly crcOk: boolean | null;
  /** The raw bytes of this segment as the SDK wants them (header + data + CRC when present). */
  readonly bytes: Uint8Array;
}

export interface SplitResult {
  readonly segments: FitSegment[];
  /** Bytes after the last segment that do not start a FIT header. */
  readonly trailingBytes: number;
}

const FIT_SIGNATURE = [0x2e, 0x46, 0x49, 0x54]; // ".FIT"

/** True when a FIT file header (12 or 14 bytes, ".FIT" signature) starts at `offset`. */
export function isFitHeaderAt(bytes: Uint8Array, offset: number): boolean {
  const size = bytes[offset];
  if (size !== 12 && size !== 14) return false;
  if (offset + 12 > bytes.length) return false;
  return FIT_SIGNATURE.every((b, i) => bytes[offset + 8 + i] === b);
}

function readUint32le(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16)) +
    (bytes[offset + 3] ?? 0) * 0x1000000
  );
}

/**
 * Splits a buffer into its chained FIT segments (several complete FIT files written one after
 * the other, as watches do for HRM-Swim/HRM-Tri data). Each header says how long its data area
 * is; a short last segment is marked `truncated`, and a header that declares 0 data bytes while
 * data follows (a file whose header was never finalised) takes the rest of the buffer. Returns no
 * segments when the buffer does not start with a FIT header.
 */
export function splitFitSegments(bytes: Uint8Array): SplitResult {
  const segments: FitSegment[] = [];
  let pos = 0;
  while (pos < bytes.length && isFitHeaderAt(bytes, pos)) {
    const headerSize = bytes[pos] ?? 12;
    const declared = readUint32le(bytes, pos + 4);
    const dataStart = Math.min(pos + headerSize, bytes.length);
    let dataEnd = pos + headerSize + declared;
    let truncated = false;
    let crcOk: boolean | null = null;
    if (declared === 0 && bytes.length > dataStart + 2 && !isFitHeaderAt(bytes, dataStart + 2)) {
      // Unfinalised header: the data runs to the end of the buffer, without a CRC we can trust.
      dataEnd = bytes.length;
      truncated = true;
    } else if (dataEnd + 2 > bytes.length) {
      dataEnd = Math.min(dataEnd, bytes.length);
      truncated = true;
    } else {
      const stored = (bytes[dataEnd] ?? 0) | ((bytes[dataEnd + 1] ?? 0) << 8);
      crcOk = stored === fitCrc(bytes, pos, dataEnd);
    }
    const end = truncated ? dataEnd : dataEnd + 2;
    segments.push({
      start: pos,
      headerSize,
      declaredDataSize: declared,
      dataStart,
      dataEnd,
      truncated,
      crcOk,
      bytes: bytes.subarray(pos, end),
    });
    pos = end;
  }
  return { segments, trailingBytes: bytes.length - pos };
}
