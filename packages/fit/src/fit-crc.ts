/** The FIT file CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), one table per byte. */
const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  TABLE[i] = c;
}

/**
 * The CRC of `bytes[start, end)`, as `@garmin/fitsdk`'s `CrcCalculator.calculateCRC` computes it
 * (which walks the same polynomial four bits at a time).
 */
export function fitCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  return crc;
}
