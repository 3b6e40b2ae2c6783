import { ByteStreamError, type ByteReader, type ByteWriter } from './byte-stream.ts';
import { readSeries, writeSeries } from './packed-series.ts';
import { ReusedBuffer } from './reused-buffer.ts';

/**
 * One channel of samples (a Float64Array, NaN where missing) as compact bytes that decode to the
 * very same doubles. Watch data is quantised (FIT stores integers and a scale: distance in cm,
 * speed in mm/s, altitude in fifths of a metre above -500 m, positions in semicircles), so each
 * channel is mapped back to those integers, and the integers are written as a packed series
 * (`packed-series.ts`). The mapping is found by trying the
 * scales FIT uses and is proved on every value: a value it does not reproduce bit for bit is
 * stored as an exact Float64 exception, and a channel with too many of those is stored as plain
 * Float64. Missing values are run lengths, so a channel that is mostly NaN costs a few bytes.
 *
 * Layout of one channel: a kind byte; then, for kind QUANTISED, the form byte, its param and
 * offset (Float64), the presence runs, the packed series of the present values' integers and
 * the exceptions (count, then index delta and Float64 each); for kind FLOAT64, the
 * presence runs and one Float64 per present value; nothing more for kind MISSING.
 */

const MISSING = 0;
const QUANTISED = 1;
const FLOAT64 = 2;

/** value = q / param - offset (DIVIDE) or q * param - offset (MULTIPLY), as decoders compute it. */
const DIVIDE = 0;
const MULTIPLY = 1;

interface Quantiser {
  readonly form: typeof DIVIDE | typeof MULTIPLY;
  readonly param: number;
  readonly offset: number;
}

/** The scales and offsets of FIT's record fields; the param and offset are written with each channel. */
const SCALES = [1, 2, 4, 5, 8, 10, 16, 32, 64, 100, 128, 256, 1000, 1024, 10_000, 100_000];
const CANDIDATES: readonly Quantiser[] = [
  ...[0, 500].flatMap((offset) =>
    SCALES.flatMap((scale) => [
      { form: DIVIDE, param: scale, offset } as const,
      { form: MULTIPLY, param: 1 / scale, offset } as const,
    ]),
  ),
  { form: MULTIPLY, param: 180 / 2 ** 31, offset: 0 }, // semicircles to degrees
  { form: DIVIDE, param: 2 ** 31 / 180, offset: 0 },
];

/** Largest integer magnitude kept; second differences of it stay exact in a double. */
const MAX_Q = 2 ** 48;
const PROBES = 48;

function quantise(v: number, k: Quantiser): number {
  return k.form === DIVIDE ? Math.round((v + k.offset) * k.param) : Math.round((v + k.offset) / k.param);
}

function restore(q: number, k: Quantiser): number {
  return k.form === DIVIDE ? q / k.param - k.offset : q * k.param - k.offset;
}

function exact(v: number, k: Quantiser): boolean {
  const q = quantise(v, k);
  return Math.abs(q) <= MAX_Q && Object.is(restore(q, k), v);
}

/** The candidate that reproduces most of a spread of the channel's values, or null if none does well. */
function chooseQuantiser(values: Float64Array, present: number): Quantiser | null {
  const probes: number[] = [];
  const step = Math.max(1, Math.floor(values.length / PROBES));
  for (let i = 0; i < values.length && probes.length < PROBES; i += step) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isNaN(v)) probes.push(v);
  }
  if (probes.length === 0 && present > 0) {
    for (const v of values) if (!Number.isNaN(v) && probes.push(v) >= PROBES) break;
  }
  let best: Quantiser | null = null;
  let bestHits = -1;
  for (const k of CANDIDATES) {
    let hits = 0;
    // Stop once this candidate can no longer beat the best: the choice is the same, found sooner.
    for (let p = 0; p < probes.length && hits + probes.length - p > bestHits; p++)
      if (exact(probes[p] as number, k)) hits++;
    if (hits > bestHits) {
      best = k;
      bestHits = hits;
      if (hits === probes.length) break;
    }
  }
  return bestHits >= probes.length * 0.9 ? best : null;
}

/** Writes the presence runs of a channel of which `present` values are not NaN. */
function writePresence(out: ByteWriter, values: Float64Array, present: number): void {
  // Alternating run lengths, present first: [present, missing, present, ...].
  if (present === values.length) {
    out.varint(1);
    out.varint(present);
    return;
  }
  const runs: number[] = [];
  let inRun = true;
  let run = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((v === v) === inRun) run++;
    else {
      runs.push(run);
      inRun = !inRun;
      run = 1;
    }
  }
  runs.push(run);
  out.varint(runs.length);
  for (const r of runs) out.varint(r);
}

function readPresence(input: ByteReader, n: number): Uint8Array {
  const mask = new Uint8Array(n);
  const runCount = input.varint();
  let at = 0;
  for (let r = 0; r < runCount; r++) {
    const length = input.varint();
    if (at + length > n) throw new ByteStreamError('presence runs are longer than the channel');
    if (r % 2 === 0) mask.fill(1, at, at + length);
    at += length;
  }
  if (at !== n) throw new ByteStreamError('presence runs do not cover the channel');
  return mask;
}

/** Append one channel's bytes to `out`. */
export function encodeChannel(out: ByteWriter, values: Float64Array): void {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present++; // not NaN
  if (present === 0) {
    out.byte(MISSING);
    return;
  }
  const k = chooseQuantiser(values, present);
  if (k !== null && writeQuantised(out, values, present, k)) return;
  out.byte(FLOAT64);
  writePresence(out, values, present);
  for (const v of values) if (!Number.isNaN(v)) out.float64(v);
}

/** The present values' integers of the channel being written. */
const integers = new ReusedBuffer((length) => new Float64Array(length));

/** Writes the quantised form, or returns false (writing nothing) when too many values are exceptions. */
function writeQuantised(out: ByteWriter, values: Float64Array, present: number, k: Quantiser): boolean {
  const q = integers.get(present);
  const exceptions: Array<{ at: number; value: number }> = [];
  const { param, offset } = k;
  const divide = k.form === DIVIDE;
  // Dividing by a power of two is multiplying by its reciprocal, exactly: no division per value
  // then (scale 1 and 64 of FIT's record fields). Other scales divide, as decoders do. The integer
  // of a multiplied form is found with the reciprocal too: what it gives is proved all the same.
  const reciprocal = 1 / param;
  const exactReciprocal = divide && Number.isInteger(Math.log2(param)) && reciprocal * param === 1;
  let j = 0;
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue; // NaN: missing
    const n = Math.round((v + offset) * (divide ? param : reciprocal));
    const back = divide ? (exactReciprocal ? n * reciprocal : n / param) - offset : n * param - offset;
    // -0 is equal to 0 but not the same double, so it goes to the exceptions too.
    if (back === v && (v !== 0 || 1 / v > 0) && n <= MAX_Q && n >= -MAX_Q) previous = n;
    else exceptions.push({ at: j, value: v });
    q[j++] = previous;
  }
  if (exceptions.length > present * 0.1) return false;
  out.byte(QUANTISED);
  out.byte(k.form);
  out.float64(param);
  out.float64(offset);
  writePresence(out, values, present);
  writeSeries(out, q.subarray(0, present));
  out.varint(exceptions.length);
  let last = 0;
  for (const e of exceptions) {
    out.varint(e.at - last);
    out.float64(e.value);
    last = e.at;
  }
  return true;
}

/** Read one channel of `n` values written by `encodeChannel`. */
export function decodeChannel(input: ByteReader, n: number): Float64Array {
  const values = new Float64Array(n);
  const kind = input.byte();
  if (kind === MISSING) return values.fill(Number.NaN);
  if (kind !== QUANTISED && kind !== FLOAT64) throw new ByteStreamError(`unknown channel kind ${kind}`);
  let k: Quantiser | null = null;
  if (kind === QUANTISED) {
    const form = input.byte();
    if (form !== DIVIDE && form !== MULTIPLY) throw new ByteStreamError(`unknown quantiser form ${form}`);
    k = { form, param: input.float64(), offset: input.float64() };
  }
  const mask = readPresence(input, n);
  if (k === null) {
    for (let i = 0; i < n; i++) values[i] = mask[i] === 1 ? input.float64() : Number.NaN;
    return values;
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i] as number;
  const q = readSeries(input, new Float64Array(count));
  const present = new Uint32Array(count);
  const { param, offset } = k;
  const divide = k.form === DIVIDE;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] !== 1) {
      values[i] = Number.NaN;
      continue;
    }
    const v = q[j] as number;
    values[i] = divide ? v / param - offset : v * param - offset;
    present[j++] = i;
  }
  const exceptionCount = input.varint();
  let at = 0;
  for (let e = 0; e < exceptionCount; e++) {
    at += input.varint();
    const index = present[at];
    if (index === undefined) throw new ByteStreamError('an exception points past the channel');
    values[index] = input.float64();
  }
  return values;
}
