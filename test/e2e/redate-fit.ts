/**
 * Moves a real FIT activity in time, byte for byte otherwise: every timestamp (field 253), the
 * file_id's time_created, session and lap start times and the activity's local timestamp are
 * shifted by the same whole multiple of 32 s (so compressed-timestamp headers stay valid), and the
 * file CRC is recomputed. Lets an end-to-end test drop a corpus run that "just happened" when the
 * product only emails a summary for recent runs.
 */

/** Date-time fields besides 253 (timestamp), by global message number → field numbers. */
const DATE_FIELDS: Record<number, readonly number[]> = { 0: [4], 18: [2], 19: [2], 34: [5] };
const INVALID_UINT32 = 0xffffffff;

interface Definition {
  global: number;
  littleEndian: boolean;
  fields: Array<{ num: number; size: number }>;
  devBytes: number;
}

/** A copy of `bytes` with its times moved by about `shiftS` seconds (rounded down to a multiple of 32). */
export function redateFit(bytes: Uint8Array, shiftS: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const delta = Math.floor(shiftS / 32) * 32;
  const headerSize = out[0] ?? 0;
  const end = headerSize + view.getUint32(4, true);
  const definitions = new Map<number, Definition>();
  let at = headerSize;
  while (at < end) {
    const header = out[at] ?? 0;
    at += 1;
    if ((header & 0x80) === 0 && (header & 0x40) !== 0) {
      const littleEndian = out[at + 1] === 0;
      const global = view.getUint16(at + 2, littleEndian);
      const count = out[at + 4] ?? 0;
      const fields = Array.from({ length: count }, (_, i) => ({
        num: out[at + 5 + i * 3] ?? 0,
        size: out[at + 6 + i * 3] ?? 0,
      }));
      at += 5 + count * 3;
      let devBytes = 0;
      if ((header & 0x20) !== 0) {
        const devCount = out[at] ?? 0;
        for (let i = 0; i < devCount; i++) devBytes += out[at + 2 + i * 3] ?? 0;
        at += 1 + devCount * 3;
      }
      definitions.set(header & 0x0f, { global, littleEndian, fields, devBytes });
      continue;
    }
    const local = (header & 0x80) !== 0 ? (header >> 5) & 0x03 : header & 0x0f;
    const def = definitions.get(local);
    if (!def) throw new Error(`FIT data message of undefined local type ${local} at byte ${at - 1}`);
    const dates = DATE_FIELDS[def.global] ?? [];
    for (const f of def.fields) {
      if (f.size === 4 && (f.num === 253 || dates.includes(f.num))) {
        const value = view.getUint32(at, def.littleEndian);
        if (value !== INVALID_UINT32) view.setUint32(at, value + delta, def.littleEndian);
      }
      at += f.size;
    }
    at += def.devBytes;
  }
  view.setUint16(end, fitCrc(out.subarray(0, end)), true);
  return out;
}

const CRC_TABLE = [
  0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401, 0x5000,
  0x9c01, 0x8801, 0x4400,
];

/** The FIT SDK's CRC-16. */
function fitCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    let tmp = CRC_TABLE[crc & 0xf] ?? 0;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ (CRC_TABLE[byte & 0xf] ?? 0);
    tmp = CRC_TABLE[crc & 0xf] ?? 0;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ (CRC_TABLE[(byte >> 4) & 0xf] ?? 0);
  }
  return crc;
}
