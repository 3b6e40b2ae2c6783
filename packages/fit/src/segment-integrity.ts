import type { Integrity } from './activity.ts';
import type { DecodedFit } from './decoded-fit.ts';

/**
 * How complete the file was, from what the reader found in each segment, with one warning per
 * thing it had to work around: a truncated segment, a header that declared no data, a CRC that
 * does not match, a reader that stopped early, bytes after the last segment.
 */
export function segmentIntegrity(decoded: DecodedFit): { integrity: Integrity; warnings: string[] } {
  const warnings: string[] = [];
  let integrity: Integrity = 'ok';
  const { segments } = decoded;
  for (const [i, segment] of segments.entries()) {
    const where = segments.length > 1 ? ` (FIT segment ${i + 1} of ${segments.length})` : '';
    if (segment.truncated && segment.declaredDataSize === 0) {
      integrity = 'truncated';
      warnings.push(
        `The FIT header declares no data${where} (the file was never finalised); ${segment.dataBytes} bytes of messages after it were read.`,
      );
    } else if (segment.truncated) {
      integrity = 'truncated';
      warnings.push(
        `The file is truncated${where}: ${segment.dataBytes} of ${segment.declaredDataSize} declared data bytes are present; what could be read was kept.`,
      );
    } else if (segment.crcOk === false) {
      if (integrity === 'ok') integrity = 'crc-mismatch';
      warnings.push(`The file checksum does not match its contents${where}; the data was read anyway.`);
    }
    if (segment.error !== null && !segment.truncated)
      warnings.push(`Decoding stopped early${where}: ${segment.error}.`);
  }
  if (decoded.trailingBytes > 0)
    warnings.push(
      `${decoded.trailingBytes} byte(s) after the last FIT segment are not FIT data and were ignored.`,
    );
  return { integrity, warnings };
}
