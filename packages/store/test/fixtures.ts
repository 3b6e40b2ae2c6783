/** Small hand-built values for the store contract tests (real FIT files are used by the ingest tests). */
import { channelNames, type Activity, type Samples } from '@runcue/fit';
import { activityOf } from '@runcue/fit/testing';
import { createAthlete, insertActivity, type Athlete, type Db } from '../src/index.ts';

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
  return activityOf(makeSamples(60), overrides);
}

/** A 5 km activity of `athleteId` that started n days after T0, stored on the file `fileId`; its id. */
export async function insertDayActivity(
  db: Db,
  athleteId: string,
  fileId: string,
  n: number,
): Promise<string> {
  const activity = makeActivity({
    fileId: { manufacturer: null, product: null, serialNumber: n, timeCreated: null },
    startTime: at(n * 24 * 60).toISOString(),
  });
  const id = await insertActivity(db, {
    athleteId,
    fileId,
    activity,
    distanceM: 5000,
    movingTimeS: 1500,
    shoeId: null,
    createdAt: T0,
  });
  return id ?? '';
}
