import { channelNames, type Samples } from '@runcue/fit';
import { encodeRawFile, encodeSamples } from '@runcue/store';

/**
 * Runs the storage codecs over inputs with the variety real files have, a few times, so that
 * their loops are compiled for it before the first real file. A warm-up on one tidy synthetic run
 * leaves them compiled for small integers and full channels: the first real files (invalid-value
 * markers past 32-bit integers, big-endian layouts, developer fields, channels with gaps) then
 * threw that code away and compiled it again, and 40 files of the corpus took 0.6-0.8 s to encode
 * where they take 0.2 s once warm. With this they take about half that on their first encoding.
 * Run in the ingest workers only: a server's main thread encodes no file.
 */
export function warmUpCodecs(): void {
  const bytes = variedFitBytes(2000);
  const samples = variedSamples(2000);
  for (let round = 0; round < 3; round++) {
    encodeRawFile(bytes);
    encodeSamples(samples);
  }
}

/**
 * FIT-shaped bytes: little- and big-endian layouts, developer fields, arrays, strings, 64-bit
 * fields, a definition repeated before records (Suunto), invalid-value markers (0xFFFFFFFF) and
 * jumps among smooth, stepping and noisy fields. Never decoded as an activity (no CRC, fields the
 * profile may not know): only shaped as the raw-file codec walks a file.
 */
function variedFitBytes(records: number): Uint8Array {
  const body: number[] = [];
  const u16 = (v: number, big: boolean) =>
    big ? body.push((v >>> 8) & 0xff, v & 0xff) : body.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number, big: boolean) => {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    body.push(...(big ? b.reverse() : b));
  };
  // Field definitions (number, size, base type): timestamp, lat, long, distance (uint32/sint32),
  // altitude (uint16), heart rate and cadence (uint8), an array of four uint16, a 3-byte string,
  // a float32 and a uint64.
  const fields = [
    [253, 4, 0x86],
    [0, 4, 0x85],
    [1, 4, 0x85],
    [5, 4, 0x86],
    [2, 2, 0x84],
    [3, 1, 0x02],
    [4, 1, 0x02],
    [30, 8, 0x84],
    [31, 3, 0x07],
    [32, 4, 0x88],
    [33, 8, 0x8f],
  ] as const;
  const define = (local: number, big: boolean, developer: boolean) => {
    body.push(0x40 | (developer ? 0x20 : 0) | local, 0, big ? 1 : 0);
    u16(20, big);
    body.push(fields.length);
    for (const f of fields) body.push(...f);
    // Two developer fields: one byte, and a uint32.
    if (developer) body.push(2, 0, 1, 0, 1, 4, 0);
  };
  const record = (local: number, big: boolean, developer: boolean, i: number) => {
    body.push(local);
    const invalid = i % 97 === 13;
    u32(invalid ? 0xffffffff : 1_000_000_000 + i, big);
    u32(invalid ? 0x7fffffff : (600_000_000 + i * 311 + ((i * 7919) % 50)) | 0, big);
    u32(invalid ? 0x7fffffff : (-90_000_000 - i * 173) | 0, big);
    u32(invalid ? 0xffffffff : i * 2_800 + (i % 5) * 40 + (i % 211 === 0 ? 9_000_000 : 0), big);
    u16(invalid ? 0xffff : 2_500 + Math.round(40 * Math.sin(i / 50)), big);
    body.push(invalid ? 0xff : 120 + (i % 3), 80 + ((i * 13) % 9));
    for (let k = 0; k < 4; k++) u16((i * 37 + k * 911) & 0xffff, big);
    body.push(65 + (i % 26), 66, 0);
    u32(0x40400000 + ((i * 2654435761) >>> 12), big);
    u32((i * 2654435761) >>> 0, big);
    u32(invalid ? 0xffffffff : 0, big);
    if (developer) {
      body.push(i & 0xff);
      u32(invalid ? 0xffffffff : i * 1_000, big);
    }
  };
  define(0, false, false);
  define(1, true, true);
  for (let i = 0; i < records; i++) {
    if (i % 3 === 2) define(2, false, true);
    if (i % 3 === 0) record(0, false, false, i);
    else if (i % 3 === 1) record(1, true, true, i);
    else record(2, false, true, i);
  }
  const header = [14, 0x20, 0x08, 0x08, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0];
  const bytes = new Uint8Array(header.length + body.length + 2);
  bytes.set(header);
  new DataView(bytes.buffer).setUint32(4, body.length, true);
  bytes.set(body, header.length);
  return bytes;
}

/**
 * Samples as a decoder gives them: whole seconds with a pause, quantised distance, speed, altitude
 * and positions, channels with gaps and missing ones, a few values off their scale and one channel
 * of values on no scale at all.
 */
function variedSamples(length: number): Samples {
  const channel = (at: (i: number) => number) => Float64Array.from({ length }, (_, i) => at(i));
  const gap = (i: number) => i % 400 >= 380;
  const columns: Record<string, Float64Array> = Object.fromEntries(
    channelNames.map((name) => [name, new Float64Array(length).fill(Number.NaN)]),
  );
  Object.assign(columns, {
    time: channel((i) => i + (i >= length / 2 ? 600 : 0)),
    distance: channel((i) => (gap(i) ? Number.NaN : (i * 281 + (i % 7)) / 100)),
    speed: channel((i) => (2_800 + ((i * 37) % 300)) / 1000),
    altitude: channel((i) => (2_600 + Math.round(30 * Math.sin(i / 90))) / 5 - 500),
    lat: channel((i) => (gap(i) ? Number.NaN : (600_000_000 + i * 311) * (180 / 2 ** 31))),
    lon: channel((i) => (gap(i) ? Number.NaN : (-90_000_000 - i * 173) * (180 / 2 ** 31))),
    heartRate: channel((i) => (i % 97 === 13 ? Number.NaN : 120 + (i % 5))),
    cadence: channel((i) => 170 + (i % 3) + (i % 2) / 2),
    stanceTime: channel((i) => (i % 50 === 7 ? Math.PI * i : (2_500 + (i % 40)) / 10)),
    power: channel((i) => Math.sin(i) * 1e3),
  });
  return { length, ...columns } as Samples;
}
