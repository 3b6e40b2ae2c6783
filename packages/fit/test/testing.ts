/** A hand-built `Activity` for tests: a Garmin run with these samples, fields overridden per test. */
import type { Activity, Samples } from '../src/index.ts';

export function activityOf(samples: Samples, overrides: Partial<Activity> = {}): Activity {
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
    samples,
    ...overrides,
  };
}
export { mutateBytes, type Mutation } from './mutate-bytes.ts';
