import { splitFitSegments } from './fit-segments.ts';

/**
 * True when `bytes` are a finished FIT file: every chained segment is as long as its header
 * declares, ends with a CRC that checks, and nothing follows the last one. A watch writes its
 * header's data size and the CRC only when it closes the file, so a file still being written (or
 * never finalised) is not complete, and a sync tool's half-copied file fails the size or the CRC.
 */
export function isCompleteFitFile(bytes: Uint8Array): boolean {
  const { segments, trailingBytes } = splitFitSegments(bytes);
  return (
    segments.length > 0 &&
    trailingBytes === 0 &&
    segments.every((s) => !s.truncated && s.crcOk === true && s.declaredDataSize > 0)
  );
}

/**
 * The size a FIT file must have to be complete, from its first header alone (header, declared
 * data, CRC), or null when `head` does not start with a FIT header. A file of exactly this size
 * (or larger: chained segments) is worth reading for `isCompleteFitFile`; a smaller one is not.
 */
export function declaredFitSize(head: Uint8Array): number | null {
  const { segments } = splitFitSegments(head.subarray(0, Math.min(head.length, 14)));
  const first = segments[0];
  if (first === undefined || first.declaredDataSize === 0) return null;
  return first.headerSize + first.declaredDataSize + 2;
}
