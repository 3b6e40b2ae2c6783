import { describe, expect, it } from 'vitest';
import { createAthlete } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { loadWeeklyTrends } from '../src/trends/weekly-trends.ts';
import { seedRun } from './seed-run.ts';

describe.each(backends)('loadWeeklyTrends on $name', (backend) => {
  const t = useTestDb(backend);
  const runner = (name: string) =>
    createAthlete(
      t.db,
      { name, email: `${name.toLowerCase()}@example.org`, timeZone: 'Europe/Berlin' },
      new Date('2026-01-01T00:00:00Z'),
    );

  it('gives no acute:chronic ratio for a first run, and one after a break in a longer history', async () => {
    // Ada's only run is in W47: nothing to compare it with.
    const ada = await runner('Ada');
    await seedRun(t.db, ada.id, new Date('2026-11-18T06:30:00Z')); // Wednesday of 2026-W47
    const first = (await loadWeeklyTrends(t.db, ada, '2026-W47')).weeks.at(-1);
    expect(first).toMatchObject({ runCount: 1, acuteChronicRatio: null, acuteChronicFlag: false });
    // Bob ran in spring, long before the four weeks the trends read, then not until W47.
    const bob = await runner('Bob');
    await seedRun(t.db, bob.id, new Date('2026-04-01T06:30:00Z'));
    await seedRun(t.db, bob.id, new Date('2026-11-18T06:30:00Z'));
    const back = (await loadWeeklyTrends(t.db, bob, '2026-W47')).weeks.at(-1);
    expect(back?.acuteChronicRatio).toBeCloseTo(4, 6);
    expect(back?.acuteChronicFlag).toBe(true);
  });
});
