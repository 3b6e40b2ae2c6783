import { Decoder, Stream } from '@garmin/fitsdk';
import type { FitMessages } from './fit-messages.ts';
import type { FitSegment } from './fit-segments.ts';

export interface SegmentResult {
  readonly messages: FitMessages;
  /** What stopped the decoder early, or null when it read the whole segment. */
  readonly error: string | null;
  /** 'sdk' or 'own' (the fallback record reader). */
  readonly reader: 'sdk' | 'own';
}

/** Decodes one segment with `@garmin/fitsdk`; heart rates are merged later across all segments. */
export function decodeSegmentWithSdk(segment: FitSegment): SegmentResult {
  const decoder = new Decoder(Stream.fromByteArray(segment.bytes));
  const { messages, errors } = decoder.read({ mergeHeartRates: false });
  const first = errors[0];
  return {
    messages: messages as unknown as FitMessages,
    error: first === undefined ? null : String(first instanceof Error ? first.message : first),
    reader: 'sdk',
  };
}
