import type { ChannelName, Samples } from './activity.ts';
import { channelNames } from './activity.ts';
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
  /** The session (its index and FIT sport) at an elapsed time (s). */
  readonly sessionOf: (elapsedS: number) => { readonly index: number; readonly sport: string | null };
  readonly developer: DeveloperChannels;
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
const at = (c: Float64Array, i: number): number => (i < c.length ? (c[i] ?? NaN) : NaN);

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
  const col = Object.fromEntries(channelNames.map((k) => [k, new Float64Array(n).fill(NaN)])) as Record<
    ChannelName,
    Float64Array
  >;
  const distance = c.distance ?? NONE;
  const speed = c.speed ?? NONE;
  const enhancedSpeed = c.enhancedSpeed ?? NONE;
  const altitude = c.altitude ?? NONE;
  const enhancedAltitude = c.enhancedAltitude ?? NONE;
  const positionLat = c.positionLat ?? NONE;
  const positionLong = c.positionLong ?? NONE;
  const heartRate = c.heartRate ?? NONE;
  const cadence = c.cadence ?? NONE;
  const fractionalCadence = c.fractionalCadence ?? NONE;
  const stanceTimeBalance = c.stanceTimeBalance ?? NONE;
  const stepLength = c.stepLength ?? NONE;
  const verticalRatio = c.verticalRatio ?? NONE;
  const temperature = c.temperature ?? NONE;
  const devVo = developerColumn(records, developer.verticalOscillation) ?? NONE;
  const devSt = developerColumn(records, developer.stanceTime) ?? NONE;
  const devPower = developerColumn(records, developer.power) ?? NONE;

  const warnings: string[] = [];
  const vo = oneSource('Vertical oscillation', c.verticalOscillation ?? NONE, devVo, warnings);
  const st = oneSource('Stance time', c.stanceTime ?? NONE, devSt, warnings);
  const pw = oneSource('Power', c.power ?? NONE, devPower, warnings);
  const nativeRd = vo.from === 'native' || st.from === 'native';
  const devRd = vo.from === 'developer' || st.from === 'developer';
  let gps = false;
  const rawCadence = new Float64Array(n).fill(NaN);
  // Per record: 1 + the index of the foot-sport session it belongs to, 0 for any other sport.
  const foot = new Int32Array(n);

  for (let i = 0; i < n; i++) {
    const t = clock.time[i] ?? NaN;
    col.time[i] = t;
    // A timestamp days away from its neighbours is garbage (seen at the cut of truncated files),
    // so the record's values are not trusted either.
    if (clock.dropped[i] === 1) continue;
    col.distance[i] = at(distance, i);
    const es = at(enhancedSpeed, i);
    col.speed[i] = Number.isNaN(es) ? at(speed, i) : es;
    const ea = at(enhancedAltitude, i);
    col.altitude[i] = Number.isNaN(ea) ? at(altitude, i) : ea;
    const lat = at(positionLat, i);
    const lon = at(positionLong, i);
    if (!Number.isNaN(lat) && !Number.isNaN(lon) && !(lat === 0 && lon === 0)) {
      col.lat[i] = lat * SEMICIRCLE_TO_DEG;
      col.lon[i] = lon * SEMICIRCLE_TO_DEG;
      gps = true;
    }
    const hr = at(heartRate, i);
    col.heartRate[i] = hr > 0 ? hr : NaN;
    const cad = at(cadence, i);
    const frac = at(fractionalCadence, i);
    rawCadence[i] = cad + (Number.isNaN(frac) ? 0 : frac);
    const session = input.sessionOf(t);
    foot[i] = isStrideCadenceSport(session.sport) ? session.index + 1 : 0;

    col.stanceTimeBalance[i] = at(stanceTimeBalance, i);
    col.stepLength[i] = at(stepLength, i);
    col.verticalRatio[i] = at(verticalRatio, i);
    col.verticalOscillation[i] = at(vo.column, i);
    col.stanceTime[i] = at(st.column, i);
    col.power[i] = at(pw.column, i);
    col.temperature[i] = at(temperature, i);
  }

  // The unit is judged session by session (a multisport file may hold legs from other sensors).
  const footValues = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = foot[i] ?? 0;
    if (key > 0) {
      const values = footValues.get(key) ?? [];
      values.push(rawCadence[i] ?? NaN);
      footValues.set(key, values);
    }
  }
  const factors = new Map<number, number>();
  for (const [key, values] of footValues) factors.set(key, strideToStepFactor(values));
  if ([...factors.values()].some((f) => f === 1)) {
    warnings.push(
      'Running cadence in this file is already in steps/min (above 130 per leg); it was not doubled.',
    );
  }
  for (let i = 0; i < n; i++) col.cadence[i] = (rawCadence[i] ?? NaN) * (factors.get(foot[i] ?? 0) ?? 1);

  return {
    samples: { length: n, ...col },
    warnings,
    nativeRunningDynamics: nativeRd,
    developerRunningDynamics: devRd,
    nativePower: pw.from === 'native',
    developerPower: pw.from === 'developer',
    gps,
  };
}
