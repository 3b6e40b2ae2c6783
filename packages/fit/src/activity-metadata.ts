import type { Lap, Sensors, Session, TimerEvent } from './activity.ts';
import type { DecodedFit } from './decoded-fit.ts';
import type { FitDeviceInfo, FitFileId } from './summary-messages.ts';
import { isStrideCadenceSport, strideToStepFactor } from './running-cadence.ts';

/** Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z). */
export const FIT_EPOCH_S = 631065600;

/** Elapsed seconds of a message timestamp (Unix ms) on the activity's repaired clock. */
export type ElapsedOf = (timestampMs: number) => number;

const elapsed = (ms: number | null, elapsedOf: ElapsedOf): number | null =>
  ms === null ? null : elapsedOf(ms);

/** Sessions with start/end as elapsed seconds; foot-sport average cadence doubled to steps/min. */
export function sessionsOf(decoded: DecodedFit, elapsedOf: ElapsedOf): Session[] {
  return decoded.sessions.map((m) => {
    const sport = m.sport ?? 'generic';
    const start = elapsed(m.startTime, elapsedOf) ?? 0;
    const total = m.totalElapsedTime;
    const end = total !== null ? start + total : (elapsed(m.timestamp, elapsedOf) ?? start);
    const cad = m.avgRunningCadence ?? m.avgCadence;
    const stride = cad === null ? null : cad + (m.avgFractionalCadence ?? 0);
    const avgCadenceSpm =
      stride === null ? null : isStrideCadenceSport(sport) ? stride * strideToStepFactor([stride]) : stride;
    return {
      sport,
      subSport: m.subSport,
      startElapsedS: start,
      endElapsedS: Math.max(start, end),
      totalTimerS: m.totalTimerTime,
      distanceM: m.totalDistance,
      avgCadenceSpm,
      avgHeartRate: m.avgHeartRate,
    };
  });
}

/** Laps with start/end as elapsed seconds. */
export function lapsOf(decoded: DecodedFit, elapsedOf: ElapsedOf): Lap[] {
  return decoded.laps.map((m) => {
    const start = elapsed(m.startTime, elapsedOf) ?? 0;
    const total = m.totalElapsedTime;
    const end = total !== null ? start + total : (elapsed(m.timestamp, elapsedOf) ?? start);
    return {
      startElapsedS: start,
      endElapsedS: Math.max(start, end),
      totalTimerS: m.totalTimerTime,
      distanceM: m.totalDistance,
    };
  });
}

/** Timer start/stop events (pauses and resumes) in file order. */
export function timerEventsOf(decoded: DecodedFit, elapsedOf: ElapsedOf): TimerEvent[] {
  const events: TimerEvent[] = [];
  for (const m of decoded.events) {
    if (m.event !== 'timer') continue;
    const t = elapsed(m.timestamp, elapsedOf);
    const type = m.eventType ?? '';
    if (t === null) continue;
    if (type === 'start') events.push({ elapsedS: t, kind: 'start' });
    else if (type.startsWith('stop')) events.push({ elapsedS: t, kind: 'stop' });
  }
  return events;
}

function productOf(m: FitDeviceInfo | FitFileId | undefined): string | null {
  if (m === undefined) return null;
  return m.garminProduct ?? m.productName ?? m.faveroProduct ?? m.product;
}

/** The recording device: the creator device_info, else file_id. */
export function deviceOf(decoded: DecodedFit): {
  manufacturer: string | null;
  product: string | null;
  softwareVersion: number | null;
} {
  const creator = decoded.deviceInfos.find((d) => d.deviceIndex === 'creator' || d.deviceIndex === '0');
  const fileId = decoded.fileIds[0];
  const src = creator ?? fileId;
  return {
    manufacturer: src?.manufacturer ?? fileId?.manufacturer ?? null,
    product: productOf(src) ?? productOf(fileId),
    softwareVersion: creator?.softwareVersion ?? decoded.fileCreators[0]?.softwareVersion ?? null,
  };
}

/** The file_id identity block. */
export function fileIdOf(decoded: DecodedFit): {
  manufacturer: string | null;
  product: string | null;
  serialNumber: number | null;
  timeCreated: string | null;
} {
  const m = decoded.fileIds[0];
  const created = m?.timeCreated ?? null;
  return {
    manufacturer: m?.manufacturer ?? null,
    product: productOf(m),
    serialNumber: m?.serialNumber ?? null,
    timeCreated: created === null ? null : new Date(created).toISOString(),
  };
}

/** Time zones on Earth run from UTC−12 to UTC+14: a local offset beyond is a device fault (s). */
const MAX_LOCAL_OFFSET_S = 14 * 3600;

/**
 * Device local time minus UTC from the activity message, when it has both and it is a real time
 * zone's offset (within ±14 h); null otherwise, so a bad clock setting never moves a run to
 * another day or week. `implausible` carries the offset that was refused.
 */
export function localOffsetOf(decoded: DecodedFit): { offsetS: number | null; implausibleS: number | null } {
  const a = decoded.activities[0];
  const local = a?.localTimestamp ?? null;
  const ts = a?.timestamp ?? null;
  if (local === null || ts === null) return { offsetS: null, implausibleS: null };
  const offsetS = local + FIT_EPOCH_S - ts / 1000;
  return Math.abs(offsetS) > MAX_LOCAL_OFFSET_S
    ? { offsetS: null, implausibleS: offsetS }
    : { offsetS, implausibleS: null };
}

function isType(d: FitDeviceInfo, type: string): boolean {
  return d.antplusDeviceType === type || d.bleDeviceType === type;
}

/**
 * Where heart rate, foot pod and GPS data came from, from device_info: an ANT+/BLE heart-rate
 * device (or `hr` messages, which only straps write) means a strap; the watch's own optical
 * sensor (local device type `whr`) means wrist. HR values with no source listed give 'unknown'.
 */
export function sensorsOf(
  decoded: DecodedFit,
  has: {
    heartRate: boolean;
    gps: boolean;
    runningDynamics: Sensors['runningDynamics'];
    power: Sensors['power'];
  },
): Sensors {
  const infos = decoded.deviceInfos;
  const strap = decoded.hr.length > 0 || infos.some((d) => isType(d, 'heartRate'));
  const wrist = infos.some((d) => d.localDeviceType === 'whr');
  const footPod = infos.some((d) => isType(d, 'strideSpeedDistance') || isType(d, 'footpod'));
  const heartRate: Sensors['heartRate'] = !has.heartRate
    ? 'none'
    : strap
      ? 'strap'
      : wrist
        ? 'wrist'
        : 'unknown';
  return { heartRate, runningDynamics: has.runningDynamics, power: has.power, footPod, gps: has.gps };
}
