import { fileKind, hasControlCharacters, printable } from '@runcue/operations';
import { ApiError } from './error-codes.ts';

/** The longest file name accepted, in UTF-8 bytes: what ext4, APFS and NTFS allow for one name. */
const MAX_NAME_BYTES = 255;

/**
 * The name to store for an upload: the one given (its last path segment), or one guessed from the
 * bytes (zip, gzip, else FIT). A name with a control character (NUL, a newline, an escape) is
 * refused with INVALID_NAME, one over 255 bytes with NAME_TOO_LONG, one runcue does not read with
 * UNSUPPORTED_FILE_TYPE.
 */
export function checkedUploadName(given: string | null, bytes: Uint8Array): string {
  if (given !== null) {
    if (hasControlCharacters(given)) {
      throw new ApiError(
        'INVALID_NAME',
        `The file name "${printable(given)}" holds a control character (such as NUL or a newline); rename the file.`,
      );
    }
    const size = Buffer.byteLength(given);
    if (size > MAX_NAME_BYTES) {
      throw new ApiError(
        'NAME_TOO_LONG',
        `The file name is ${size} bytes long; the limit is ${MAX_NAME_BYTES}.`,
      );
    }
    const base = given.split(/[\\/]/).pop() ?? given;
    if (fileKind(base) === null) {
      throw new ApiError('UNSUPPORTED_FILE_TYPE', `${base}: runcue reads .fit, .fit.gz and .zip files.`);
    }
    return base;
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'upload.zip';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'upload.fit.gz';
  return 'upload.fit';
}
