import type { ChannelName, Samples } from './activity.ts';
import { channelNames } from './activity.ts';
import type { DeveloperChannels } from './developer-channels.ts';
import { developerValue } from './developer-channels.ts';
import type { FitMessage } from './fit-messages.ts';
import { num, timeMs } from './fit-messages.ts';
import { isStrideCadenceSport, strideToStepFactor } from './running-cadence.ts';

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

export interface SamplesInput {
  readonly records: readonly FitMessage[];
  /** Timestamp (ms) that is elapsed second 0. */
  readonly startMs: number;
  /** FIT sport of the session each record belongs to. */
  readonly sportOf: (timestampMs: number) => string | null;
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

function value(m: FitMessage, ...keys: string[]): number {
  for (const k of keys) {
    const v = num(m, k);
    if (v !== null) return v;
  }
  return NaN;
}

/** The longest plausible gap between two consecutive records of one activity (2 days). */
export const MAX_RECORD_GAP_S = 48 * 3600;

/**
 * Turns record messages into columnar samples in SI units (cadence in steps/min). Time policy:
 * records stay in file order, so the sample count equals the record count; a timestamp earlier
 * than the one before (a clock glitch) is clamped to the previous time so `time` never decreases,
 * and equal timestamps are kept as they are; both are reported as warnings. Native running
 * dynamics and power win over developer fields (Stryd, RunScribe), which fill in where a record
 * has no native value.
 */
export function samplesFromRecords(input: SamplesInput): SamplesResult {
  const { records, startMs, developer } = input;
  const n = records.length;
  const col = Object.fromEntries(channelNames.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<
    ChannelName,
    Float64Array
  >;
  const warnings: string[] = [];
  let backwards = 0;
  let duplicates = 0;
  let implausible = 0;
  let prevT = NaN;
  let nativeRd = false;
  let devRd = false;
  let nativePower = false;
  let devPower = false;
  let gps = false;
  const rawCadence = new Float64Array(n).fill(NaN);
  const foot: boolean[] = new Array<boolean>(n).fill(false);

  for (let i = 0; i < n; i++) {
    const r = records[i] ?? {};
    const ts = timeMs(r, 'timestamp');
    let t = ts === null ? prevT : (ts - startMs) / 1000;
    if (!Number.isNaN(prevT) && ts !== null) {
      if (t < prevT) {
        backwards++;
        t = prevT;
      } else if (t === prevT) duplicates++;
      else if (t - prevT > MAX_RECORD_GAP_S) {
        // No watch leaves days between two records of one activity: the timestamp is garbage
        // (seen at the cut of truncated files), so the record's values are not trusted either.
        implausible++;
        col.time[i] = prevT;
        continue;
      }
    }
    if (!Number.isNaN(t)) prevT = t;
    col.time[i] = t;
    col.distance[i] = value(r, 'distance');
    col.speed[i] = value(r, 'enhancedSpeed', 'speed');
    col.altitude[i] = value(r, 'enhancedAltitude', 'altitude');
    const lat = num(r, 'positionLat');
    const lon = num(r, 'positionLong');
    if (lat !== null && lon !== null && !(lat === 0 && lon === 0)) {
      col.lat[i] = lat * SEMICIRCLE_TO_DEG;
      col.lon[i] = lon * SEMICIRCLE_TO_DEG;
      gps = true;
    }
    const hr = value(r, 'heartRate');
    col.heartRate[i] = hr > 0 ? hr : NaN;
    const cad = value(r, 'cadence');
    const frac = num(r, 'fractionalCadence') ?? 0;
    rawCadence[i] = Number.isNaN(cad) ? NaN : cad + frac;
    foot[i] = isStrideCadenceSport(input.sportOf(ts ?? startMs + t * 1000));

    const vo = value(r, 'verticalOscillation');
    const st = value(r, 'stanceTime');
    col.stanceTimeBalance[i] = value(r, 'stanceTimeBalance');
    col.stepLength[i] = value(r, 'stepLength');
    col.verticalRatio[i] = value(r, 'verticalRatio');
    if (!Number.isNaN(vo) || !Number.isNaN(st)) nativeRd = true;
    col.verticalOscillation[i] = Number.isNaN(vo) ? developerValue(r, developer.verticalOscillation) : vo;
    col.stanceTime[i] = Number.isNaN(st) ? developerValue(r, developer.stanceTime) : st;
    if (
      Number.isNaN(vo) &&
      Number.isNaN(st) &&
      (!Number.isNaN(col.verticalOscillation[i] ?? NaN) || !Number.isNaN(col.stanceTime[i] ?? NaN))
    )
      devRd = true;
    const p = value(r, 'power');
    if (!Number.isNaN(p)) nativePower = true;
    col.power[i] = Number.isNaN(p) ? developerValue(r, developer.power) : p;
    if (Number.isNaN(p) && !Number.isNaN(col.power[i] ?? NaN)) devPower = true;
    col.temperature[i] = value(r, 'temperature');
  }

  const footValues: number[] = [];
  for (let i = 0; i < n; i++) if (foot[i]) footValues.push(rawCadence[i] ?? NaN);
  const factor = strideToStepFactor(footValues);
  if (factor === 1 && footValues.length > 0) {
    warnings.push(
      'Running cadence in this file is already in steps/min (median above 130 per leg); it was not doubled.',
    );
  }
  for (let i = 0; i < n; i++) col.cadence[i] = (rawCadence[i] ?? NaN) * (foot[i] ? factor : 1);

  if (backwards > 0)
    warnings.push(
      `${backwards} record(s) had a timestamp earlier than the record before; their time was clamped to the previous time.`,
    );
  if (implausible > 0) {
    warnings.push(
      `${implausible} record(s) jumped more than ${MAX_RECORD_GAP_S / 3600} h past the record before; their values were dropped.`,
    );
  }
  if (duplicates > 0)
    warnings.push(`${duplicates} record(s) repeat the timestamp of the record before; they were kept.`);
  return {
    samples: { length: n, ...col },
    warnings,
    nativeRunningDynamics: nativeRd,
    developerRunningDynamics: devRd,
    nativePower,
    developerPower: devPower,
    gps,
  };
}
