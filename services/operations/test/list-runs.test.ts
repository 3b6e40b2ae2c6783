import { describe, expect, it } from 'vitest';
import { analyseRun, isoWeekAt } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import { createAthlete, listActivities } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { corpusBytes } from '@runcue/scripts/fixtures';
import { createIngestFile } from '../src/import/ingest-file.ts';
import { listRuns } from '../src/runs/list-runs.ts';
import { loadWeeklyTrends } from '../src/trends/weekly-trends.ts';

const NOW = new Date('2026-01-10T08:00:00Z');
const IRONMAN = 'sports-lib/4623204522.fit';

describe.each(backends)('one truth per run on $name', (backend) => {
  const t = useTestDb(backend);

  it(`${IRONMAN}: the run list and the weekly load give the report's distance, moving time and pace (regression: running time and its pace)`, async () => {
    const athlete = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, NOW);
    const ingest = createIngestFile({ db: t.db, clock: () => NOW, maxBytes: 10_000_000 });
    const bytes = corpusBytes(IRONMAN);
    const outcome = await ingest({
      athleteId: athlete.id,
      bytes,
      name: IRONMAN,
      arrival: 'cli',
      fromArchive: false,
      origin: IRONMAN,
    });
    expect(outcome.status).toBe('imported');
    const report = analyseRun(decodeFit(bytes), { cadenceThresholdSpm: athlete.cadenceThresholdSpm }).summary;
    // The run leg walked 21 min: moving time and running time differ, so the list must pick the report's.
    expect(report.movingTimeS - report.runningTimeS).toBeGreaterThan(600);

    const [listed] = await listRuns(t.db, athlete);
    expect(listed?.distanceM).toBeCloseTo(report.distanceM, 3);
    expect(listed?.movingTimeS).toBeCloseTo(report.movingTimeS, 3);
    expect(listed?.paceSPerKm).toBeCloseTo(report.paceSPerKm ?? NaN, 3);

    const [row] = await listActivities(t.db, athlete.id);
    expect(row?.distanceM).toBeCloseTo(report.distanceM, 3);
    expect(row?.movingTimeS).toBeCloseTo(report.movingTimeS, 3);

    // The weekly load counts the run with the same distance and time (regression: the weekly review
    // summed running time, 21 min short of the time the list and the report give).
    const week = isoWeekAt(new Date(listed?.startTime ?? NaN), athlete.timeZone);
    const trends = await loadWeeklyTrends(t.db, athlete, week, 1);
    expect(trends.weeks.map((w) => [w.isoWeek, w.runCount])).toEqual([[week, 1]]);
    expect(trends.weeks[0]?.distanceM).toBeCloseTo(report.distanceM, 3);
    expect(trends.weeks[0]?.movingTimeS).toBeCloseTo(report.movingTimeS, 3);
  });
});
