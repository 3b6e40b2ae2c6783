/**
 * The FIT file CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), computed 32 bytes
 * at a step ("slicing by 32") by a small WebAssembly function: table k holds the CRC of a byte
 * followed by k zero bytes, so the lookups of a step are independent and the CPU overlaps them,
 * where a table per byte waits on the previous byte's result each time. The same loop in
 * JavaScript (slicing by 8, 16 or 32) ran at about 1 GB/s, bound by its bounds checks; the
 * WebAssembly one runs about 1.7x as fast, copying the bytes into its memory included.
 *
 * The module is assembled here from its instructions (a few dozen bytes), not loaded from a file.
 */
const SLICES = 32;
/** Bytes copied into the module's memory at a time, after the tables. */
const CHUNK = 64 * 1024;
const TABLE_BYTES = SLICES * 256 * 2;

// WebAssembly binary encoding (https://webassembly.github.io/spec/core/binary/).
const I32 = 0x7f;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  /** i32.load / i32.load8_u / i32.load16_u with their alignment and a constant offset. */
  load32: (offset: number) => [0x28, 2, ...uleb(offset)],
  load8: (offset: number) => [0x2d, 0, ...uleb(offset)],
  load16: (offset: number) => [0x2f, 1, ...uleb(offset)],
  const: (value: number) => [0x41, ...sleb(value)],
  geU: [0x4f],
  gtU: [0x4b],
  add: [0x6a],
  and: [0x71],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
} as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? b : b | 0x80);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vector = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: readonly number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vector([...s].map((c) => [c.charCodeAt(0)]));

/**
 * `crc(p, end, crc)`: the CRC after the bytes of memory [p, end), starting from `crc`. Table k
 * sits at byte 512 k of the memory; a table entry is looked up by its byte offset, index << 1.
 * A step reads its 32 bytes as eight little-endian words (WebAssembly memory is little-endian)
 * and takes each byte's table offset out of its word with one shift and one mask, which halves
 * the loads of reading them one by one; the CRC (16 bits) is folded into the first word.
 */
function crcFunction(): number[] {
  const [P, END, CRC, WORD] = [0, 1, 2, 3];
  const lookup = (table: number): number[] => [...op.const(1), ...op.shl, ...op.load16(table * 512)];
  const body: number[] = [...op.block, ...op.loop];
  body.push(...op.get(P), ...op.const(SLICES), ...op.add, ...op.get(END), ...op.gtU, ...op.brIf(1));
  for (let w = 0; w < SLICES / 4; w++) {
    body.push(...op.get(P), ...op.load32(4 * w));
    if (w === 0) body.push(...op.get(CRC), ...op.xor);
    body.push(...op.set(WORD));
    for (let k = 0; k < 4; k++) {
      const j = 4 * w + k;
      // (byte k of the word) << 1, the entry's offset in its table.
      const offset = k === 0 ? [...op.const(1), ...op.shl] : [...op.const(8 * k - 1), ...op.shrU];
      body.push(...op.get(WORD), ...offset, ...op.const(0x1fe), ...op.and);
      body.push(...op.load16((SLICES - 1 - j) * 512));
      if (j > 0) body.push(...op.xor);
    }
  }
  body.push(...op.set(CRC));
  body.push(...op.get(P), ...op.const(SLICES), ...op.add, ...op.set(P), ...op.br(0), ...op.end, ...op.end);
  // The bytes left, one at a time with table 0.
  body.push(...op.block, ...op.loop, ...op.get(P), ...op.get(END), ...op.geU, ...op.brIf(1));
  body.push(...op.get(CRC), ...op.const(8), ...op.shrU);
  body.push(...op.get(CRC), ...op.get(P), ...op.load8(0), ...op.xor, ...op.const(0xff), ...op.and);
  body.push(...lookup(0), ...op.xor, ...op.set(CRC));
  body.push(...op.get(P), ...op.const(1), ...op.add, ...op.set(P), ...op.br(0), ...op.end, ...op.end);
  body.push(...op.get(CRC), ...op.end);
  const code = [...vector([[1, I32]]), ...body]; // one local beyond the parameters: WORD
  return [...uleb(code.length), ...code];
}

function crcModule(): Uint8Array {
  const pages = Math.ceil((TABLE_BYTES + CHUNK) / 65536);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32]]), ...vector([[I32]])]])), // (i32 i32 i32) -> i32
    ...section(3, vector([[0]])), // one function of type 0
    ...section(5, vector([[0x00, pages]])), // memory of `pages` pages
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0],
        [...name('crc'), 0x00, 0],
      ]),
    ),
    ...section(10, vector([crcFunction()])),
  ]);
}

/** The part of the WebAssembly API used here (the TypeScript libraries of this project declare none of it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
const { memory, crc: crcOf } = new Instance(new Module(crcModule())).exports as {
  memory: { buffer: ArrayBuffer };
  crc: (p: number, end: number, crc: number) => number;
};
const heap = new Uint8Array(memory.buffer);
const tables = new Uint16Array(memory.buffer, 0, SLICES * 256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  tables[i] = c;
}
for (let t = 1; t < SLICES; t++)
  for (let i = 0; i < 256; i++) {
    const prev = tables[(t - 1) * 256 + i] ?? 0;
    tables[t * 256 + i] = (prev >>> 8) ^ (tables[prev & 0xff] ?? 0);
  }

/**
 * The CRC of `bytes[start, end)`, as `@garmin/fitsdk`'s `CrcCalculator.calculateCRC` computes it
 * (which walks the same polynomial four bits at a time).
 */
export function fitCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i += CHUNK) {
    const stop = Math.min(end, i + CHUNK);
    heap.set(bytes.subarray(i, stop), TABLE_BYTES);
    crc = crcOf(TABLE_BYTES, TABLE_BYTES + stop - i, crc);
  }
  return crc;
}
