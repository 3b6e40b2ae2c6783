import type { Lap, Sensors, Session, TimerEvent } from './activity.ts';
import type { FitMessage, FitMessages } from './fit-messages.ts';
import { mesgs, num, str, timeMs } from './fit-messages.ts';
import { isStrideCadenceSport, strideToStepFactor } from './running-cadence.ts';

/** Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z). */
export const FIT_EPOCH_S = 631065600;

const elapsed = (ms: number | null, startMs: number): number | null =>
  ms === null ? null : (ms - startMs) / 1000;

/** Sessions with start/end as elapsed seconds; foot-sport average cadence doubled to steps/min. */
export function sessionsOf(messages: FitMessages, startMs: number): Session[] {
  return mesgs(messages, 'sessionMesgs').map((m) => {
    const sport = str(m, 'sport') ?? 'generic';
    const start = elapsed(timeMs(m, 'startTime'), startMs) ?? 0;
    const total = num(m, 'totalElapsedTime');
    const end = total !== null ? start + total : (elapsed(timeMs(m, 'timestamp'), startMs) ?? start);
    const cad = num(m, 'avgRunningCadence') ?? num(m, 'avgCadence');
    const stride = cad === null ? null : cad + (num(m, 'avgFractionalCadence') ?? 0);
    const avgCadenceSpm =
      stride === null ? null : isStrideCadenceSport(sport) ? stride * strideToStepFactor([stride]) : stride;
    return {
      sport,
      subSport: str(m, 'subSport'),
      startElapsedS: start,
      endElapsedS: Math.max(start, end),
      totalTimerS: num(m, 'totalTimerTime'),
      distanceM: num(m, 'totalDistance'),
      avgCadenceSpm,
      avgHeartRate: num(m, 'avgHeartRate'),
    };
  });
}

/** Laps with start/end as elapsed seconds. */
export function lapsOf(messages: FitMessages, startMs: number): Lap[] {
  return mesgs(messages, 'lapMesgs').map((m) => {
    const start = elapsed(timeMs(m, 'startTime'), startMs) ?? 0;
    const total = num(m, 'totalElapsedTime');
    const end = total !== null ? start + total : (elapsed(timeMs(m, 'timestamp'), startMs) ?? start);
    return {
      startElapsedS: start,
      endElapsedS: Math.max(start, end),
      totalTimerS: num(m, 'totalTimerTime'),
      distanceM: num(m, 'totalDistance'),
    };
  });
}

/** Timer start/stop events (pauses and resumes) in file order. */
export function timerEventsOf(messages: FitMessages, startMs: number): TimerEvent[] {
  const events: TimerEvent[] = [];
  for (const m of mesgs(messages, 'eventMesgs')) {
    if (str(m, 'event') !== 'timer') continue;
    const t = elapsed(timeMs(m, 'timestamp'), startMs);
    const type = str(m, 'eventType') ?? '';
    if (t === null) continue;
    if (type === 'start') events.push({ elapsedS: t, kind: 'start' });
    else if (type.startsWith('stop')) events.push({ elapsedS: t, kind: 'stop' });
  }
  return events;
}

function productOf(m: FitMessage | undefined): string | null {
  return str(m, 'garminProduct') ?? str(m, 'productName') ?? str(m, 'faveroProduct') ?? str(m, 'product');
}

/** The recording device: the creator device_info, else file_id. */
export function deviceOf(messages: FitMessages): {
  manufacturer: string | null;
  product: string | null;
  softwareVersion: number | null;
} {
  const infos = mesgs(messages, 'deviceInfoMesgs');
  const creator = infos.find((d) => d.deviceIndex === 'creator' || d.deviceIndex === 0);
  const fileId = mesgs(messages, 'fileIdMesgs')[0];
  const src = creator ?? fileId;
  return {
    manufacturer: str(src, 'manufacturer') ?? str(fileId, 'manufacturer'),
    product: productOf(src) ?? productOf(fileId),
    softwareVersion:
      num(creator, 'softwareVersion') ?? num(mesgs(messages, 'fileCreatorMesgs')[0], 'softwareVersion'),
  };
}

/** The file_id identity block. */
export function fileIdOf(messages: FitMessages): {
  manufacturer: string | null;
  product: string | null;
  serialNumber: number | null;
  timeCreated: string | null;
} {
  const m = mesgs(messages, 'fileIdMesgs')[0];
  const created = timeMs(m, 'timeCreated');
  return {
    manufacturer: str(m, 'manufacturer'),
    product: productOf(m),
    serialNumber: num(m, 'serialNumber'),
    timeCreated: created === null ? null : new Date(created).toISOString(),
  };
}

/** Device local time minus UTC from the activity message, when it has both. */
export function localOffsetOf(messages: FitMessages): number | null {
  const a = mesgs(messages, 'activityMesgs')[0];
  const local = num(a, 'localTimestamp');
  const ts = timeMs(a, 'timestamp');
  if (local === null || ts === null) return null;
  return local + FIT_EPOCH_S - ts / 1000;
}

/**
 * Where heart rate, foot pod and GPS data came from, from device_info: an ANT+/BLE heart-rate
 * device (or `hr` messages, which only straps write) means a strap; the watch's own optical
 * sensor (local device type `whr`) means wrist. HR values with no source listed give 'unknown'.
 */
export function sensorsOf(
  messages: FitMessages,
  has: {
    heartRate: boolean;
    gps: boolean;
    runningDynamics: Sensors['runningDynamics'];
    power: Sensors['power'];
  },
): Sensors {
  const infos = mesgs(messages, 'deviceInfoMesgs');
  const isType = (d: FitMessage, t: string) => d.antplusDeviceType === t || d.bleDeviceType === t;
  const strap = mesgs(messages, 'hrMesgs').length > 0 || infos.some((d) => isType(d, 'heartRate'));
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
