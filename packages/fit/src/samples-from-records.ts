import type { Samples } from './activity.ts';
import type { FitRecords } from './decoded-fit.ts';
import type { DeveloperChannels } from './developer-channels.ts';
import { developerColumn } from './developer-channels.ts';
import type { RecordClock } from './record-clock.ts';
import { isStrideCadenceSport, strideToStepFactor } from './running-cadence.ts';

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

export interface SamplesInput {
  readonly records: FitRecords;
  /** The records' elapsed times, clock jumps repaired. */
  readonly clock: RecordClock;
  /** The sessions: where each starts (elapsed s) and its FIT sport, in the activity's order. */
  readonly sessions: readonly { readonly startElapsedS: number; readonly sport: string | null }[];
  /** The sport of records before every session (the first session's, or the activity's). */
  readonly sportBefore: string | null;
  readonly developer: DeveloperChannels;
  /**
   * The record columns belong to this call alone (`decodeFit` builds them for it): they become the
   * samples where they already have the right length, instead of being copied.
   */
  readonly ownsColumns?: boolean;
}

export interface SamplesResult {
  readonly samples: Samples;
  readonly warnings: string[];
  readonly nativeRunningDynamics: boolean;
  readonly developerRunningDynamics: boolean;
  readonly nativePower: boolean;
  readonly developerPower: boolean;
  readonly gps: boolean;
}

const NONE = new Float64Array(0);

/**
 * A copy of record column `c` as `n` samples (NaN where the column is missing or shorter), with
 * the values of dropped records left out.
 */
function copyColumn(
  c: Float64Array,
  n: number,
  dropped: Uint8Array,
  anyDropped: boolean,
  reuse: boolean,
): Float64Array {
  let out: Float64Array;
  if (reuse && c.length === n && n > 0) out = c;
  else if (c.length >= n) out = c.slice(0, n);
  else {
    out = new Float64Array(n).fill(NaN);
    out.set(c);
  }
  if (anyDropped) for (let i = 0; i < n; i++) if (dropped[i] === 1) out[i] = NaN;
  return out;
}

/** `primary` where it has a value, else `fallback` (speed and enhanced speed, altitude and enhanced altitude). */
function eitherColumn(
  primary: Float64Array,
  fallback: Float64Array,
  n: number,
  dropped: Uint8Array,
  anyDropped: boolean,
  reuse: boolean,
): Float64Array {
  if (primary.length === 0) return copyColumn(fallback, n, dropped, anyDropped, reuse);
  const out = copyColumn(primary, n, dropped, anyDropped, reuse);
  const m = Math.min(n, fallback.length);
  for (let i = 0; i < m; i++) if (out[i] !== out[i] && dropped[i] === 0) out[i] = fallback[i] as number;
  return out;
}

function countValues(c: Float64Array): number {
  let count = 0;
  for (const v of c) if (!Number.isNaN(v)) count++;
  return count;
}

/**
 * One source per channel: the watch's own field or a developer field (a foot pod, Stryd,
 * RunScribe): the watch's unless it carries fewer than half as many records. Two sensors measure stance
 * time or oscillation differently, so mixing them record by record would make steps of their
 * bias look like changes of form.
 */
function oneSource(
  name: string,
  native: Float64Array,
  developer: Float64Array,
  warnings: string[],
): { column: Float64Array; from: 'native' | 'developer' | 'none' } {
  const n = countValues(native);
  const d = countValues(developer);
  if (n === 0 && d === 0) return { column: NONE, from: 'none' };
  if (n > 0 && d > 0)
    warnings.push(
      `${name} came from both the watch (${n} records) and a developer field (${d} records); only the ${2 * n >= d ? "watch's" : "developer field's"} values are used.`,
    );
  return 2 * n >= d ? { column: native, from: 'native' } : { column: developer, from: 'developer' };
}

/**
 * Turns record columns into samples in SI units (cadence in steps/min). Time policy: records
 * stay in file order, so the sample count equals the record count; times come from the repaired
 * record clock (`recordClock`), so `time` never decreases, and a record whose timestamp was
 * garbage keeps the time before it with no values. Stance time, vertical oscillation and power
 * each come from one source, native or a developer field (Stryd, RunScribe), never mixed.
 */
export function samplesFromRecords(input: SamplesInput): SamplesResult {
  const { records, clock, developer } = input;
  const c = records.columns;
  const n = records.length;
  const dropped = clock.dropped;
  let anyDropped = false;
  for (let i = 0; i < n && !anyDropped; i++) if (dropped[i] === 1) anyDropped = true;
  const reuse = input.ownsColumns === true;
  const copy = (column: Float64Array | undefined): Float64Array =>
    copyColumn(column ?? NONE, n, dropped, anyDropped, reuse);

  const warnings: string[] = [];
  const vo = oneSource(
    'Vertical oscillation',
    c.verticalOscillation ?? NONE,
    developerColumn(records, developer.verticalOscillation) ?? NONE,
    warnings,
  );
  const st = oneSource(
    'Stance time',
    c.stanceTime ?? NONE,
    developerColumn(records, developer.stanceTime) ?? NONE,
    warnings,
  );
  const pw = oneSource('Power', c.power ?? NONE, developerColumn(records, developer.power) ?? NONE, warnings);
  const nativeRd = vo.from === 'native' || st.from === 'native';
  const devRd = vo.from === 'developer' || st.from === 'developer';

  // The clock's times are the samples' (the clock is built for this activity alone).
  const time = clock.time.length === n ? clock.time : copy(clock.time);
  const positionLat = c.positionLat ?? NONE;
  const positionLong = c.positionLong ?? NONE;
  // Owned position columns of the right length become the degrees, converted in place.
  const inPlace = reuse && n > 0 && positionLat.length === n && positionLong.length === n;
  const lat = inPlace ? positionLat : new Float64Array(n).fill(NaN);
  const lon = inPlace ? positionLong : new Float64Array(n).fill(NaN);
  let gps = false;
  for (let i = 0, m = Math.min(n, positionLat.length, positionLong.length); i < m; i++) {
    const la = positionLat[i] as number;
    const lo = positionLong[i] as number;
    if (la === la && lo === lo && !(la === 0 && lo === 0) && dropped[i] === 0) {
      lat[i] = la * SEMICIRCLE_TO_DEG;
      lon[i] = lo * SEMICIRCLE_TO_DEG;
      gps = true;
    } else if (inPlace) {
      lat[i] = NaN;
      lon[i] = NaN;
    }
  }
  const heartRate = copy(c.heartRate);
  for (let i = 0; i < n; i++) if (!((heartRate[i] as number) > 0)) heartRate[i] = NaN;

  // Cadence as the file gives it (per leg for foot sports), fraction added.
  const cadence = copy(c.cadence);
  const fractional = c.fractionalCadence ?? NONE;
  for (let i = 0, m = Math.min(n, fractional.length); i < m; i++) {
    const f = fractional[i] as number;
    if (f === f) cadence[i] = (cadence[i] as number) + f;
  }
  applyCadenceFactors(input, cadence, warnings);

  return {
    samples: {
      length: n,
      time,
      distance: copy(c.distance),
      speed: eitherColumn(c.enhancedSpeed ?? NONE, c.speed ?? NONE, n, dropped, anyDropped, reuse),
      altitude: eitherColumn(c.enhancedAltitude ?? NONE, c.altitude ?? NONE, n, dropped, anyDropped, reuse),
      lat,
      lon,
      heartRate,
      cadence,
      verticalOscillation: copy(vo.column),
      stanceTime: copy(st.column),
      stanceTimeBalance: copy(c.stanceTimeBalance),
      stepLength: copy(c.stepLength),
      verticalRatio: copy(c.verticalRatio),
      power: copy(pw.column),
      temperature: copy(c.temperature),
    },
    warnings,
    nativeRunningDynamics: nativeRd,
    developerRunningDynamics: devRd,
    nativePower: pw.from === 'native',
    developerPower: pw.from === 'developer',
    gps,
  };
}

/**
 * Multiplies each record's cadence by the factor that turns it into steps/min (2 for strides of a
 * foot sport, 1 when a session already holds steps/min, 1 for other sports).
 * The unit is judged session by session (a multisport file may hold legs from other sensors): a
 * record belongs to the last session that starts by its time (half a second of slack).
 */
function applyCadenceFactors(input: SamplesInput, cadence: Float64Array, warnings: string[]): void {
  const { sessions, clock } = input;
  const n = cadence.length;
  const starts = sessions.map((s) => s.startElapsedS - 0.5);
  const footBefore = isStrideCadenceSport(input.sportBefore) ? 1 : 0;
  // Per session, the key of its records.
  const keyOf = sessions.map((s, k) => (isStrideCadenceSport(s.sport) ? k + 1 : 0));
  // Per record: 1 + the index of the foot-sport session it belongs to, 0 for any other sport.
  const foot = new Int32Array(n);
  let anyFoot = false;
  for (let i = 0; i < n; i++) {
    const t = clock.time[i] as number;
    let key = footBefore;
    for (let k = starts.length - 1; k >= 0; k--) {
      if (t >= (starts[k] as number)) {
        key = keyOf[k] as number;
        break;
      }
    }
    if (clock.dropped[i] === 1) key = 0;
    foot[i] = key;
    if (key > 0) anyFoot = true;
  }
  if (!anyFoot) return;
  const factorOf = new Float64Array(Math.max(1, sessions.length) + 1).fill(1);
  const values = new Float64Array(n);
  let already = false;
  for (let key = 1; key <= Math.max(1, sessions.length); key++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (foot[i] === key) values[m++] = cadence[i] as number;
    if (m === 0) continue;
    const f = strideToStepFactor(values.subarray(0, m));
    factorOf[key] = f;
    if (f === 1) already = true;
  }
  if (already)
    warnings.push(
      'Running cadence in this file is already in steps/min (above 130 per leg); it was not doubled.',
    );
  for (let i = 0; i < n; i++) cadence[i] = (cadence[i] as number) * (factorOf[foot[i] as number] as number);
}
