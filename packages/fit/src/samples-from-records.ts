import type { Samples } from './activity.ts';
import type { FitRecords } from './decoded-fit.ts';
import type { DeveloperChannels } from './developer-channels.ts';
import { developerColumn } from './developer-channels.ts';
import type { RecordClock } from './record-clock.ts';
import type { CadenceSessions } from './steps-per-minute.ts';
import { cadenceToSteps } from './steps-per-minute.ts';

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

export interface SamplesInput extends CadenceSessions {
  readonly records: FitRecords;
  /** The records' elapsed times, clock jumps repaired. */
  readonly clock: RecordClock;
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
  /** Some record has a heart rate. */
  readonly hasHeartRate: boolean;
}

const NONE = new Float64Array(0);

/**
 * Makes the sample channels of `n` records from record columns. Every channel the file lacks is
 * the same all-NaN array (one per activity, so that handing an activity's arrays to another
 * thread hands over nothing another activity holds); the others are the record columns
 * themselves when they are owned (`reuse`), else copies.
 */
class Channels {
  private nan: Float64Array | undefined;

  constructor(
    private readonly n: number,
    private readonly dropped: Uint8Array | null,
    private readonly reuse: boolean,
  ) {}

  /** The all-NaN channel of this activity. */
  missing(): Float64Array {
    return (this.nan ??= new Float64Array(this.n).fill(NaN));
  }

  isMissing(c: Float64Array): boolean {
    return c === this.nan;
  }

  /**
   * Record column `c` as samples (NaN where it is shorter than the records), with the values of
   * dropped records left out.
   */
  column(c: Float64Array | undefined): Float64Array {
    const { n, dropped } = this;
    if (c === undefined || c.length === 0 || n === 0) return this.missing();
    let out: Float64Array;
    if (this.reuse && c.length === n) out = c;
    else if (c.length >= n) out = c.slice(0, n);
    else {
      out = new Float64Array(n).fill(NaN);
      out.set(c);
    }
    if (dropped !== null) for (let i = 0; i < n; i++) if (dropped[i] === 1) out[i] = NaN;
    return out;
  }

  /** `primary` where it has a value, else `fallback` (speed and enhanced speed, altitude and enhanced altitude). */
  either(primary: Float64Array | undefined, fallback: Float64Array | undefined): Float64Array {
    if (primary === undefined || primary.length === 0) return this.column(fallback);
    const out = this.column(primary);
    if (fallback === undefined) return out;
    const { dropped } = this;
    const m = Math.min(this.n, fallback.length);
    if (dropped === null) {
      for (let i = 0; i < m; i++) if (out[i] !== out[i]) out[i] = fallback[i] as number;
    } else
      for (let i = 0; i < m; i++) if (out[i] !== out[i] && dropped[i] === 0) out[i] = fallback[i] as number;
    return out;
  }
}

/** True when `c` holds a value (not NaN); with `count`, how many. */
function valuesIn(c: Float64Array, count: boolean): number {
  let values = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === c[i]) {
      if (!count) return 1;
      values++;
    }
  }
  return values;
}

/**
 * One source per channel: the watch's own field or a developer field (a foot pod, Stryd,
 * RunScribe): the watch's unless it carries fewer than half as many records. Two sensors measure stance
 * time or oscillation differently, so mixing them record by record would make steps of their
 * bias look like changes of form.
 */
function oneSource(
  name: string,
  native: Float64Array | undefined,
  developer: Float64Array | null,
  warnings: string[],
): { column: Float64Array | undefined; from: 'native' | 'developer' | 'none' } {
  // Without a developer column only whether the watch's has a value matters.
  const n = native === undefined ? 0 : valuesIn(native, developer !== null);
  const d = developer === null ? 0 : valuesIn(developer, true);
  if (n === 0 && d === 0) return { column: undefined, from: 'none' };
  if (n > 0 && d > 0)
    warnings.push(
      `${name} came from both the watch (${n} records) and a developer field (${d} records); only the ${2 * n >= d ? "watch's" : "developer field's"} values are used.`,
    );
  return 2 * n >= d
    ? { column: native, from: 'native' }
    : { column: developer ?? undefined, from: 'developer' };
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
  const reuse = input.ownsColumns === true;
  const channels = new Channels(n, dropped, reuse);

  const warnings: string[] = [];
  const vo = oneSource(
    'Vertical oscillation',
    c.verticalOscillation,
    developerColumn(records, developer.verticalOscillation),
    warnings,
  );
  const st = oneSource('Stance time', c.stanceTime, developerColumn(records, developer.stanceTime), warnings);
  const pw = oneSource('Power', c.power, developerColumn(records, developer.power), warnings);
  const nativeRd = vo.from === 'native' || st.from === 'native';
  const devRd = vo.from === 'developer' || st.from === 'developer';

  // The clock's times are the samples' (the clock is built for this activity alone).
  const time = clock.time.length === n ? clock.time : channels.column(clock.time);
  const { lat, lon, gps } = degrees(c.positionLat, c.positionLong, channels, n, dropped, reuse);

  let hasHeartRate = false;
  const heartRate = channels.column(c.heartRate);
  if (!channels.isMissing(heartRate))
    for (let i = 0; i < n; i++) {
      if ((heartRate[i] as number) > 0) hasHeartRate = true;
      else heartRate[i] = NaN;
    }

  // Cadence as the file gives it (per leg for foot sports), fraction added.
  const cadence = channels.column(c.cadence);
  if (!channels.isMissing(cadence)) {
    const fractional = c.fractionalCadence ?? NONE;
    for (let i = 0, m = Math.min(n, fractional.length); i < m; i++) {
      const f = fractional[i] as number;
      if (f === f) cadence[i] = (cadence[i] as number) + f;
    }
    cadenceToSteps(cadence, clock.time, dropped, input, warnings);
  }

  return {
    samples: {
      length: n,
      time,
      distance: channels.column(c.distance),
      speed: channels.either(c.enhancedSpeed, c.speed),
      altitude: channels.either(c.enhancedAltitude, c.altitude),
      lat,
      lon,
      heartRate,
      cadence,
      verticalOscillation: channels.column(vo.column),
      stanceTime: channels.column(st.column),
      stanceTimeBalance: channels.column(c.stanceTimeBalance),
      stepLength: channels.column(c.stepLength),
      verticalRatio: channels.column(c.verticalRatio),
      power: channels.column(pw.column),
      temperature: channels.column(c.temperature),
    },
    warnings,
    nativeRunningDynamics: nativeRd,
    developerRunningDynamics: devRd,
    nativePower: pw.from === 'native',
    developerPower: pw.from === 'developer',
    gps,
    hasHeartRate,
  };
}

/**
 * Latitude and longitude in degrees from positions in semicircles; a record at (0, 0), a dropped
 * record or one without both has none. Owned position columns become the degrees in place.
 */
function degrees(
  positionLat: Float64Array | undefined,
  positionLong: Float64Array | undefined,
  channels: Channels,
  n: number,
  dropped: Uint8Array | null,
  reuse: boolean,
): { lat: Float64Array; lon: Float64Array; gps: boolean } {
  if (positionLat === undefined || positionLong === undefined || n === 0)
    return { lat: channels.missing(), lon: channels.missing(), gps: false };
  const inPlace = reuse && positionLat.length === n && positionLong.length === n;
  const lat = inPlace ? positionLat : new Float64Array(n).fill(NaN);
  const lon = inPlace ? positionLong : new Float64Array(n).fill(NaN);
  let gps = false;
  const m = Math.min(n, positionLat.length, positionLong.length);
  for (let i = 0; i < m; i++) {
    const la = positionLat[i] as number;
    const lo = positionLong[i] as number;
    if (la === la && lo === lo && !(la === 0 && lo === 0) && (dropped === null || dropped[i] === 0)) {
      lat[i] = la * SEMICIRCLE_TO_DEG;
      lon[i] = lo * SEMICIRCLE_TO_DEG;
      gps = true;
    } else if (inPlace) {
      lat[i] = NaN;
      lon[i] = NaN;
    }
  }
  return { lat, lon, gps };
}
