import { channelNames, type Activity, type ChannelName, type Session, type TimerEvent } from '@runcue/fit';

/** Test-only: builds an Activity whose channels are functions of elapsed time (not exported from the index). */
export interface TestActivitySpec {
  durationS: number;
  /** Seconds between samples, or a function giving the next interval (smart recording). */
  stepS?: number | ((t: number) => number);
  channels: Partial<Record<Exclude<ChannelName, 'time' | 'distance'>, (t: number) => number>>;
  /** Distance is integrated from speed unless given. */
  distance?: (t: number) => number;
  sport?: string;
  sessions?: Session[];
  timerEvents?: TimerEvent[];
}

export function testActivity(spec: TestActivitySpec): Activity {
  const times: number[] = [];
  const step = spec.stepS ?? 1;
  for (let t = 0; t <= spec.durationS; t += typeof step === 'number' ? step : step(t)) times.push(t);
  const n = times.length;
  const cols = Object.fromEntries(channelNames.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<
    ChannelName,
    Float64Array
  >;
  cols.time.set(times);
  for (const [name, fn] of Object.entries(spec.channels)) {
    const col = cols[name as ChannelName];
    times.forEach((t, i) => (col[i] = fn(t)));
  }
  let d = 0;
  times.forEach((t, i) => {
    if (spec.distance) cols.distance[i] = spec.distance(t);
    else if (spec.channels.speed) {
      const prev = times[i - 1];
      if (prev !== undefined) d += spec.channels.speed(t) * (t - prev);
      cols.distance[i] = d;
    }
  });
  const sport = spec.sport ?? 'running';
  return {
    sha256: '0'.repeat(64),
    fileId: { manufacturer: null, product: null, serialNumber: null, timeCreated: null },
    integrity: 'ok',
    warnings: [],
    sport,
    subSport: null,
    startTime: '2024-05-04T07:00:00.000Z',
    localOffsetS: null,
    device: { manufacturer: null, product: null, softwareVersion: null },
    sensors: { heartRate: 'none', runningDynamics: 'none', power: 'none', footPod: false, gps: false },
    sessions: spec.sessions ?? [],
    laps: [],
    timerEvents: spec.timerEvents ?? [
      { elapsedS: 0, kind: 'start' },
      { elapsedS: spec.durationS, kind: 'stop' },
    ],
    samples: { length: n, ...cols },
  };
}

/** A smooth step from `a` to `b` around time `at` (width in s), for decays and changes. */
export function ramp(t: number, at: number, widthS: number, a: number, b: number): number {
  if (t <= at) return a;
  if (t >= at + widthS) return b;
  return a + ((b - a) * (t - at)) / widthS;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
