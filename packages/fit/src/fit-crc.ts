/**
 * The FIT file CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), computed eight
 * bytes at a step ("slicing by 8"): table k holds the CRC of a byte followed by k zero bytes, so
 * the eight lookups of a step are independent and the CPU overlaps them, where a table per byte
 * waits on the previous byte's result each time.
 */
const TABLES = new Uint16Array(8 * 256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  TABLES[i] = c;
}
for (let t = 1; t < 8; t++)
  for (let i = 0; i < 256; i++) {
    const prev = TABLES[(t - 1) * 256 + i] ?? 0;
    TABLES[t * 256 + i] = (prev >>> 8) ^ (TABLES[prev & 0xff] ?? 0);
  }

/**
 * The CRC of `bytes[start, end)`, as `@garmin/fitsdk`'s `CrcCalculator.calculateCRC` computes it
 * (which walks the same polynomial four bits at a time).
 */
export function fitCrc(bytes: Uint8Array, start: number, end: number): number {
  const t = TABLES;
  let crc = 0;
  let i = start;
  for (const stop = end - 7; i < stop; i += 8) {
    const lo = crc ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
    crc =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + (lo >>> 8)] as number) ^
      (t[1280 + (bytes[i + 2] as number)] as number) ^
      (t[1024 + (bytes[i + 3] as number)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < end; i++) crc = (crc >>> 8) ^ (t[(crc ^ (bytes[i] as number)) & 0xff] as number);
  return crc;
}
