import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How much is hashed between two turns of the event loop (about a millisecond's work). */
const SLICE_BYTES = 1024 * 1024;

/**
 * The sha256 of a file's bytes (hex), a MiB at a time with a turn of the event loop between: a
 * file of tens of MB does not hold a server's other requests for the whole of its hashing.
 */
export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.byteLength; at += SLICE_BYTES) {
    if (at > 0) await nextTurn();
    hash.update(bytes.subarray(at, at + SLICE_BYTES));
  }
  return hash.digest('hex');
}
