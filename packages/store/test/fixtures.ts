/** Small hand-built values for the store contract tests (real FIT files are used by the ingest tests). */
import { ANALYSIS_VERSION, type RunAnalysis } from '@runcue/analysis';
import { channelNames, type Activity, type Samples } from '@runcue/fit';
import { createAthlete, type Athlete, type Db } from '../src/index.ts';

export const T0 = new Date('2026-11-16T07:00:00Z');

export function at(offsetMinutes: number): Date {
  return new Date(T0.getTime() + offsetMinutes * 60_000);
}

export function addRunner(db: Db, name = 'Ada', email = 'ada@example.org'): Promise<Athlete> {
  return createAthlete(db, { name, email, timeZone: 'Europe/Berlin' }, T0);
}

/** Samples of a steady run: n seconds at ~3 m/s with cadence and HR, other channels missing. */
export function makeSamples(n: number): Samples {
  const channels = Object.fromEntries(
    channelNames.map((c) => [c, new Float64Array(n).fill(Number.NaN)]),
  ) as Record<(typeof channelNames)[number], Float64Array>;
  for (let i = 0; i < n; i++) {
    channels.time[i] = i;
    channels.distance[i] = i * 3.0123456789;
    channels.speed[i] = 3 + Math.sin(i / 30) * 0.3;
    channels.lat[i] = 52.520008 + i * 1e-6;
    channels.lon[i] = 13.404954 + i * 1.3e-6;
    channels.altitude[i] = 34.2 + Math.cos(i / 50);
    channels.heartRate[i] = i % 97 === 0 ? Number.NaN : 140 + (i % 20);
    channels.cadence[i] = 166 + (i % 7) * 0.5;
  }
  return { length: n, ...channels };
}

export function makeActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    sha256: 'a'.repeat(64),
    fileId: {
      manufacturer: 'garmin',
      product: 'fr945',
      serialNumber: 3_912_345_678,
      timeCreated: '2026-11-16T07:00:00.000Z',
    },
    integrity: 'ok',
    warnings: [],
    sport: 'running',
    subSport: 'generic',
    startTime: '2026-11-16T07:00:00.000Z',
    localOffsetS: 3600,
    device: { manufacturer: 'garmin', product: 'fr945', softwareVersion: 12.3 },
    sensors: { heartRate: 'wrist', runningDynamics: 'none', power: 'none', footPod: false, gps: true },
    sessions: [],
    laps: [],
    timerEvents: [{ elapsedS: 0, kind: 'start' }],
    samples: makeSamples(60),
    ...overrides,
  };
}

export function makeAnalysis(
  overrides: { isRun?: boolean; distanceM?: number; medianSpm?: number } = {},
): RunAnalysis {
  const distanceM = overrides.distanceM ?? 10_000;
  return {
    version: ANALYSIS_VERSION,
    isRun: overrides.isRun ?? true,
    summary: {
      distanceM,
      movingTimeS: 3000,
      elapsedS: 3100,
      runningTimeS: 2950,
      walkTimeS: 50,
      paceSPerKm: 300,
      avgHeartRate: 150,
      maxHeartRate: 172,
      elevationGainM: 40,
      elevationLossM: 38,
    },
    cadence: {
      medianSpm: overrides.medianSpm ?? 166,
      meanSpm: 165.5,
      thresholdSpm: 170,
      shareBelowThreshold: 0.7,
      bands: { below160: 0.1, from160to170: 0.6, from170to180: 0.3, above180: 0 },
      stretchesBelow: [],
      speedSlopeSpmPerMps: 2.1,
      coveredS: 2950,
    },
    paceDrift: {
      percent: 3.2,
      secondsPerKm: 9.6,
      firstHalfGasMps: 3.4,
      secondHalfGasMps: 3.29,
      warmupTrimS: 300,
      gradeAdjusted: true,
      gradeTrusted: true,
      variabilityPercent: 3,
      eligible: true,
      reason: null,
    },
    decoupling: {
      percent: 4.1,
      rating: 'good',
      eligible: true,
      reason: null,
      firstHalfEf: 0.0227,
      secondHalfEf: 0.0218,
    },
    formDecay: {
      detected: true,
      onset: { elapsedS: 2400, distanceM: 8000 },
      deltas: {
        cadenceSpm: -5,
        cadencePercent: -3,
        stanceTimeMs: null,
        stanceTimePercent: null,
        verticalOscillationMm: null,
        verticalRatioPercent: null,
        stepLengthMm: null,
        stanceTimeBalancePercent: null,
      },
      reasons: ['cadence'],
      referenceWindow: { startElapsedS: 300, endElapsedS: 860 },
      lateWindow: { startElapsedS: 2480, endElapsedS: 3100 },
      channels: ['cadence'],
      comparable: true,
      finish: null,
      reason: null,
    },
  };
}
