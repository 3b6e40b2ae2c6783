import { hash } from 'node:crypto';
import type { Activity } from './activity.ts';
import { buildActivity } from './build-activity.ts';
import type { DecodedFit } from './decoded-fit.ts';
import { FitError } from './fit-error.ts';
import { mergeHeartRates } from './merge-heart-rates.ts';
import type { ReadFitOptions } from './read-fit.ts';
import { DEFAULT_MAX_BYTES, readFit } from './read-fit.ts';

export interface DecodeFitOptions extends ReadFitOptions {
  /**
   * The SHA-256 of `bytes` in hex, when the caller has already worked it out (ingest hashes each
   * file to find duplicates before reading it); taken as given. Without it the bytes are hashed here.
   */
  readonly sha256?: string;
}

/**
 * Refuses a DecodedFit that is not an activity (a settings or course file, or a file with no
 * readable message); returns reader warnings for an activity that does not say its type.
 */
function checkActivity(decoded: DecodedFit, bytes: number): string[] {
  const type = decoded.fileIds[0]?.type ?? null;
  const records = decoded.records.length;
  if (decoded.fileIds.length === 0 && records === 0) {
    if (decoded.segments[0]?.truncated === true)
      throw new FitError(
        'FIT_TRUNCATED',
        `The file is cut short after ${bytes} bytes, before any complete message could be read.`,
      );
    throw new FitError('FIT_CORRUPT', 'The file has a FIT header but no readable messages.');
  }
  const looksLikeActivity = type === null && (records > 0 || decoded.sessions.length > 0);
  if (type !== 'activity' && !looksLikeActivity) {
    throw new FitError(
      'FIT_NOT_ACTIVITY',
      `This FIT file is a ${type ?? 'file of unknown type'} file, not an activity; only activity files can be analysed.`,
    );
  }
  return type === null
    ? [
        'The file_id message does not say the file type; it was read as an activity because it holds records or sessions.',
      ]
    : [];
}

/**
 * Decodes the bytes of a FIT activity file into an `Activity` (columnar samples in SI units,
 * cadence in steps/min), validated against `activitySchema`: `readFit` turns the bytes into a
 * `DecodedFit`, heart rates stored in `hr` messages are merged into the records, and
 * `buildActivity` gives the data its meaning. Truncated files and CRC mismatches are salvaged
 * and marked in `integrity`; anything that cannot become an activity throws a `FitError` with a
 * stable `code`.
 */
export function decodeFit(bytes: Uint8Array, options: DecodeFitOptions = {}): Activity {
  // Hashed before reading, so that reading finds the bytes in the CPU's caches (but not a file
  // readFit refuses as too large).
  const tooLarge = bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES);
  const sha256 = options.sha256 ?? (tooLarge ? '' : hash('sha256', bytes, 'hex'));
  const decoded = readFit(bytes, options);
  const warnings = checkActivity(decoded, bytes.length);
  return buildActivity({ decoded: mergeHeartRates(decoded), sha256, warnings, ownsColumns: true });
}
