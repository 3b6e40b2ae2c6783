import { decodedFromMessages } from './decoded-from-messages.ts';
import type { FitMessages } from './fit-messages.ts';
import { mesgs } from './fit-messages.ts';
import type { FitSegment } from './fit-segments.ts';
import { readFitRecords } from './fit-record-reader.ts';
import type { SegmentResult } from './decode-segment.ts';
import { decodeSegmentWithSdk } from './decode-segment.ts';
import type { ReadSegment } from './join-segments.ts';
import { readSegmentFast } from './fast-fit-reader.ts';

const count = (m: FitMessages): number => Object.values(m).reduce((s, l) => s + l.length, 0);

function pickReader(segment: FitSegment): SegmentResult {
  const unfinalised = segment.declaredDataSize === 0 && segment.dataEnd > segment.dataStart;
  const sdk = unfinalised ? null : decodeSegmentWithSdk(segment);
  if (sdk !== null && (sdk.error === null || /CRC error/.test(sdk.error))) return sdk;
  const own = readFitRecords(
    segment.bytes,
    segment.dataStart - segment.start,
    segment.dataEnd - segment.start,
  );
  const ownResult: SegmentResult = { messages: own.messages, error: own.error, reader: 'own' };
  if (sdk === null) return ownResult;
  const sdkRecords = mesgs(sdk.messages, 'recordMesgs').length;
  const ownRecords = mesgs(own.messages, 'recordMesgs').length;
  if (ownRecords > sdkRecords || (ownRecords === sdkRecords && count(own.messages) > count(sdk.messages)))
    return ownResult;
  return sdk;
}

/** Which readers `decodeSegment` may use: `fast` first (the default), or only the SDK and own readers. */
export type SegmentReaders = 'fast' | 'sdk';

function factsOf(segment: FitSegment) {
  return {
    start: segment.start,
    declaredDataSize: segment.declaredDataSize,
    dataBytes: segment.dataEnd - segment.dataStart,
    truncated: segment.truncated,
    crcOk: segment.crcOk,
  };
}

/**
 * Decodes one segment with the fast reader (`readSegmentFast`), and where it declines, with the
 * SDK, and with the own record reader where the SDK cannot: a header that declared no data (the
 * SDK would read nothing), or any SDK error other than a CRC mismatch (which the SDK reports after
 * reading everything). Between those two, the reader that recovered more records (then more
 * messages) wins; the SDK wins ties.
 */
export function decodeSegment(segment: FitSegment, readers: SegmentReaders = 'fast'): ReadSegment {
  if (readers === 'fast') {
    const fast = readSegmentFast(
      segment.bytes,
      segment.dataStart - segment.start,
      segment.dataEnd - segment.start,
    );
    if (fast !== null)
      return {
        decoded: fast.decoded,
        facts: {
          ...factsOf(segment),
          error: fast.error,
          reader: 'fast',
          messageCount: fast.messageCount,
          recordCount: fast.recordCount,
        },
      };
  }
  const result = pickReader(segment);
  return {
    decoded: decodedFromMessages(result.messages),
    facts: {
      ...factsOf(segment),
      error: result.error,
      reader: result.reader,
      messageCount: count(result.messages),
      recordCount: mesgs(result.messages, 'recordMesgs').length,
    },
  };
}
