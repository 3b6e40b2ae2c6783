import type { DecodedFit } from './decoded-fit.ts';
import type { SegmentReaders } from './decode-segment-any.ts';
import { decodeSegment } from './decode-segment-any.ts';
import { FitError } from './fit-error.ts';
import { splitFitSegments } from './fit-segments.ts';
import { joinSegments } from './join-segments.ts';

export interface ReadFitOptions {
  /** Refuse files larger than this many bytes (default 64 MiB). */
  readonly maxBytes?: number;
  /**
   * `fast` (default): the fast reader, falling back to the SDK Decoder for what it declines;
   * `sdk`: the SDK Decoder (and the own record reader where it fails) only, the reference the
   * fast reader is tested against.
   */
  readonly readers?: SegmentReaders;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47];

function describeNonFit(bytes: Uint8Array): string {
  if (PNG.every((b, i) => bytes[i] === b)) return 'it is a PNG image, not a FIT file';
  if (bytes[0] === 0x00 && bytes[1] === 0x05 && bytes[2] === 0x16 && bytes[3] === 0x07)
    return 'it is a macOS resource fork (AppleDouble "._" file), not a FIT file';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'it is a ZIP archive, not a FIT file';
  if (bytes[0] === 0x3c) return 'it looks like XML or HTML (GPX/TCX?), not a FIT file';
  return 'it does not start with a FIT file header (12 or 14 bytes ending in ".FIT")';
}

/**
 * Reads the bytes of a FIT file into the columnar `DecodedFit`: every chained segment, salvaging
 * what a truncated or bad-CRC segment holds, without judging what the data means. Throws a
 * `FitError` only when the bytes are no FIT file at all (empty, too large, another format, cut
 * inside the header).
 */
export function readFit(bytes: Uint8Array, options: ReadFitOptions = {}): DecodedFit {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new FitError('FIT_EMPTY', 'The file is empty (0 bytes).');
  if (bytes.length > maxBytes) {
    throw new FitError(
      'FIT_TOO_LARGE',
      `The file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit for one activity.`,
    );
  }
  const { segments, trailingBytes } = splitFitSegments(bytes);
  if (segments.length === 0) {
    if (bytes.length < 12 && (bytes[0] === 12 || bytes[0] === 14)) {
      throw new FitError(
        'FIT_TRUNCATED',
        `The file ends after ${bytes.length} bytes, inside the FIT file header.`,
      );
    }
    throw new FitError('FIT_NOT_FIT', `This is not a FIT file: ${describeNonFit(bytes)}.`);
  }
  return joinSegments(
    segments.map((s) => decodeSegment(s, options.readers)),
    trailingBytes,
  );
}
