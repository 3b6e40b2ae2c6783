import { createHash } from 'node:crypto';
import type { Activity, Integrity } from './activity.ts';
import { buildActivity } from './build-activity.ts';
import { decodeSegment } from './decode-segment-any.ts';
import { FitError } from './fit-error.ts';
import type { FitMessages } from './fit-messages.ts';
import { appendMessages, mesgs, str } from './fit-messages.ts';
import { splitFitSegments } from './fit-segments.ts';
import { mergeHeartRates } from './merge-heart-rates.ts';

export interface DecodeFitOptions {
  /** Refuse files larger than this many bytes (default 64 MiB). */
  readonly maxBytes?: number;
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

function fileTypeOf(messages: FitMessages): string | null {
  return str(mesgs(messages, 'fileIdMesgs')[0], 'type');
}

/**
 * Decodes the bytes of a FIT activity file into an `Activity` (columnar samples in SI units,
 * cadence in steps/min), validated against `activitySchema`. Reads every chained FIT segment,
 * decodes each with `@garmin/fitsdk` and falls back to an own record reader where the SDK cannot
 * (compressed-timestamp headers, SDK exceptions). Truncated files and CRC mismatches are
 * salvaged and marked in `integrity`; anything that cannot become an activity throws a
 * `FitError` with a stable `code`.
 */
export function decodeFit(bytes: Uint8Array, options: DecodeFitOptions = {}): Activity {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new FitError('FIT_EMPTY', 'The file is empty (0 bytes).');
  if (bytes.length > maxBytes) {
    throw new FitError(
      'FIT_TOO_LARGE',
      `The file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit for one activity.`,
    );
  }
  const { segments, trailingBytes } = splitFitSegments(bytes);
  const first = segments[0];
  if (first === undefined) {
    if (bytes.length < 12 && (bytes[0] === 12 || bytes[0] === 14)) {
      throw new FitError(
        'FIT_TRUNCATED',
        `The file ends after ${bytes.length} bytes, inside the FIT file header.`,
      );
    }
    throw new FitError('FIT_NOT_FIT', `This is not a FIT file: ${describeNonFit(bytes)}.`);
  }

  const warnings: string[] = [];
  const messages: FitMessages = {};
  let integrity: Integrity = 'ok';
  for (const [i, segment] of segments.entries()) {
    const result = decodeSegment(segment);
    appendMessages(messages, result.messages);
    const where = segments.length > 1 ? ` (FIT segment ${i + 1} of ${segments.length})` : '';
    if (segment.truncated && segment.declaredDataSize === 0) {
      integrity = 'truncated';
      warnings.push(
        `The FIT header declares no data${where} (the file was never finalised); ${segment.dataEnd - segment.dataStart} bytes of messages after it were read.`,
      );
    } else if (segment.truncated) {
      integrity = 'truncated';
      warnings.push(
        `The file is truncated${where}: ${segment.dataEnd - segment.dataStart} of ${segment.declaredDataSize} declared data bytes are present; what could be read was kept.`,
      );
    } else if (segment.crcOk === false) {
      if (integrity === 'ok') integrity = 'crc-mismatch';
      warnings.push(`The file checksum does not match its contents${where}; the data was read anyway.`);
    }
    if (result.error !== null && !segment.truncated)
      warnings.push(`Decoding stopped early${where}: ${result.error}.`);
  }
  if (trailingBytes > 0)
    warnings.push(`${trailingBytes} byte(s) after the last FIT segment are not FIT data and were ignored.`);

  const type = fileTypeOf(messages);
  const recordCount = mesgs(messages, 'recordMesgs').length;
  if (
    Object.keys(messages).length === 0 ||
    (mesgs(messages, 'fileIdMesgs').length === 0 && recordCount === 0)
  ) {
    if (first.truncated)
      throw new FitError(
        'FIT_TRUNCATED',
        `The file is cut short after ${bytes.length} bytes, before any complete message could be read.`,
      );
    throw new FitError('FIT_CORRUPT', 'The file has a FIT header but no readable messages.');
  }
  const looksLikeActivity = type === null && (recordCount > 0 || mesgs(messages, 'sessionMesgs').length > 0);
  if (type !== 'activity' && !looksLikeActivity) {
    throw new FitError(
      'FIT_NOT_ACTIVITY',
      `This FIT file is a ${type ?? 'file of unknown type'} file, not an activity; only activity files can be analysed.`,
    );
  }
  if (type === null)
    warnings.push(
      'The file_id message does not say the file type; it was read as an activity because it holds records or sessions.',
    );
  mergeHeartRates(messages);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return buildActivity({ messages, sha256, integrity, warnings });
}
