import { describe, expect, it } from 'vitest';
import type { PainEntry } from './pain-entry.ts';
import type { RunRecord, RunRecordAnalysis } from './run-record.ts';
import { weeklyTrends } from './weekly-trends.ts';

function run(
  activityId: string,
  startTime: string,
  distanceM: number,
  extra: Partial<RunRecordAnalysis> = {},
  shoeId: string | null = null,
): RunRecord {
  return {
    activityId,
    startTime,
    localOffsetS: null,
    distanceM,
    runningTimeS: distanceM * 0.33,
    shoeId,
    analysis: {
      cadenceMedianSpm: null,
      cadenceCoveredS: 0,
      cadenceThresholdSpm: 170,
      shareBelowThreshold: null,
      formDecayDetected: false,
      decayOnsetPercent: null,
      decouplingPercent: null,
      paceDriftPercent: null,
      ...extra,
    },
  };
}

function pain(at: string, score: number, flags: PainEntry['flags'] = []): PainEntry {
  return { at, score, where: 'lower-back', flags, activityId: null, note: null };
}

// Weeks in 2026: W40 = Sep 28-Oct 4, W41 = Oct 5-11, W42 = Oct 12-18, W43 = Oct 19-25, W44 = Oct 26-Nov 1.
const history: RunRecord[] = [
  run('w40', '2026-09-29T12:00:00Z', 10_000),
  run('w41', '2026-10-06T12:00:00Z', 10_000),
  run('w42', '2026-10-13T12:00:00Z', 10_000),
  run('w43a', '2026-10-20T12:00:00Z', 10_000, {}, 's1'),
  run('w43b', '2026-10-24T12:00:00Z', 10_000, {}, 's1'),
  run(
    'w44a',
    '2026-10-27T12:00:00Z',
    12_000,
    {
      cadenceMedianSpm: 165,
      cadenceCoveredS: 3600,
      shareBelowThreshold: 0.6,
      formDecayDetected: true,
      decayOnsetPercent: 70,
      decouplingPercent: 8,
    },
    's1',
  ),
  run(
    'w44b',
    '2026-10-29T12:00:00Z',
    10_000,
    {
      cadenceMedianSpm: 172,
      cadenceCoveredS: 3000,
      shareBelowThreshold: 0.2,
      formDecayDetected: true,
      decayOnsetPercent: 80,
      paceDriftPercent: 3,
    },
    's1',
  ),
];
const shoes = [{ id: 's1', name: 'Daily trainer', distanceBeforeM: 400_000, warnAtM: 440_000 }];

describe('weeklyTrends load', () => {
  const t = weeklyTrends(
    history,
    [pain('2026-10-28T08:00:00Z', 2), pain('2026-10-30T08:00:00Z', 4, ['night-pain'])],
    {
      weekOf: '2026-W44',
      timeZone: 'UTC',
      weeks: 2,
      thresholdSpm: 170,
      shoes,
    },
  );
  const [w43, w44] = t.weeks;

  it('labels the weeks oldest first', () => {
    expect(t.weeks.map((w) => [w.isoWeek, w.startDate, w.endDate])).toEqual([
      ['2026-W43', '2026-10-19', '2026-10-25'],
      ['2026-W44', '2026-10-26', '2026-11-01'],
    ]);
  });

  it('sums distance and counts runs, with the long-run share', () => {
    expect(w43?.distanceM).toBe(20_000);
    expect(w44?.distanceM).toBe(22_000);
    expect(w44?.runCount).toBe(2);
    expect(w44?.longRunM).toBe(12_000);
    expect(w44?.longRunShare).toBeCloseTo(12 / 22, 10);
    expect(w44?.runningTimeS).toBeCloseTo(22_000 * 0.33, 6);
  });

  it('flags a doubling week but not exactly +10%', () => {
    expect(w43?.rampPercent).toBeCloseTo(100, 10);
    expect(w43?.rampFlag).toBe(true);
    expect(w44?.rampPercent).toBeCloseTo(10, 10);
    expect(w44?.rampFlag).toBe(false);
  });

  it('computes acute:chronic as 7-day over 28-day average daily distance', () => {
    // W43 end: (20 km / 7) / (50 km / 28) = 1.6; W44 end: (22 / 7) / (62 / 28) = 88/62.
    expect(w43?.acuteChronicRatio).toBeCloseTo(1.6, 10);
    expect(w44?.acuteChronicRatio).toBeCloseTo(88 / 62, 10);
    expect(w44?.acuteChronicFlag).toBe(true);
  });

  it('weights the cadence median and share below threshold by time with cadence', () => {
    // Runs: 165 spm for 3600 s, 172 spm for 3000 s. A plain median would be 168.5.
    expect(w44?.cadenceMedianSpm).toBe(165);
    expect(w44?.shareBelowThreshold).toBeCloseTo((0.6 * 3600 + 0.2 * 3000) / 6600, 10);
    expect(w43?.cadenceMedianSpm).toBeNull();
  });

  it('summarises decay, decoupling, pain and shoes', () => {
    expect(w44?.formDecayRuns).toBe(2);
    expect(w44?.decayOnsetMedianPercent).toBe(75);
    expect(w44?.decouplingMedianPercent).toBe(8);
    expect(w44?.decouplingRuns).toBe(1);
    expect(w44?.paceDriftMedianPercent).toBe(3);
    expect(w44?.pain).toEqual({ count: 2, maxScore: 4, meanScore: 3, redFlagCount: 1 });
    expect(w43?.pain).toEqual({ count: 0, maxScore: null, meanScore: null, redFlagCount: 0 });
    expect(w43?.shoes).toEqual([
      { shoeId: 's1', name: 'Daily trainer', weekDistanceM: 20_000, totalDistanceM: 420_000, warn: false },
    ]);
    expect(w44?.shoes).toEqual([
      { shoeId: 's1', name: 'Daily trainer', weekDistanceM: 22_000, totalDistanceM: 442_000, warn: true },
    ]);
  });

  it('gives no ramp after an empty week and no ratio without running', () => {
    const t2 = weeklyTrends([run('x', '2026-10-20T12:00:00Z', 5000)], [], {
      weekOf: '2026-10-21',
      timeZone: 'UTC',
      weeks: 3,
      thresholdSpm: 170,
    });
    expect(t2.weeks.map((w) => w.isoWeek)).toEqual(['2026-W41', '2026-W42', '2026-W43']);
    expect(t2.weeks.map((w) => w.rampPercent)).toEqual([null, null, null]);
    expect(t2.weeks[0]?.acuteChronicRatio).toBeNull();
  });
});

describe('weeklyTrends load history', () => {
  // W43 = Oct 19-25, W44 = Oct 26-Nov 1, W45 = Nov 2-8, W46 = Nov 9-15.
  it('a first run is told "Mileage jumped" (regression): no acute:chronic ratio until 21 days after the first run', () => {
    const first = weeklyTrends([run('first', '2026-10-20T12:00:00Z', 5000)], [], {
      weekOf: '2026-W43',
      timeZone: 'UTC',
      weeks: 1,
      thresholdSpm: 170,
    });
    // Alone, the run would give (5/7)/(5/28) = 4.0, far over 1.3.
    expect(first.weeks[0]).toMatchObject({
      runCount: 1,
      acuteChronicRatio: null,
      acuteChronicFlag: false,
      rampPercent: null,
      rampFlag: false,
    });

    // Weekly 5 km runs from Oct 20: Nov 8 is 19 days on (none), Nov 15 is 26 days on (a ratio).
    const weekly = ['2026-10-20', '2026-10-27', '2026-11-03', '2026-11-10'].map((d, i) =>
      run(`r${i}`, `${d}T12:00:00Z`, 5000),
    );
    const t = weeklyTrends(weekly, [], { weekOf: '2026-W46', timeZone: 'UTC', weeks: 4, thresholdSpm: 170 });
    expect(t.weeks.map((w) => w.acuteChronicRatio)).toEqual([
      null,
      null,
      null,
      expect.closeTo(5 / 7 / (20 / 28), 10),
    ]);
    expect(t.weeks.some((w) => w.acuteChronicFlag)).toBe(false);
  });

  it('takes the first run from firstRunAt when older runs were not passed in, and refuses a bad one', () => {
    const runs = [run('a', '2026-10-27T12:00:00Z', 5000), run('b', '2026-10-29T12:00:00Z', 9000)];
    const fresh = weeklyTrends(runs, [], {
      weekOf: '2026-W44',
      timeZone: 'UTC',
      weeks: 1,
      thresholdSpm: 170,
    });
    expect(fresh.weeks[0]?.acuteChronicRatio).toBeNull();
    // Running since spring with a break before this week: the spike is real and flagged.
    const returning = weeklyTrends(runs, [], {
      weekOf: '2026-W44',
      timeZone: 'UTC',
      weeks: 1,
      thresholdSpm: 170,
      firstRunAt: '2026-04-01T07:00:00Z',
    });
    expect(returning.weeks[0]?.acuteChronicRatio).toBeCloseTo(4, 10);
    expect(returning.weeks[0]?.acuteChronicFlag).toBe(true);
    // A later firstRunAt than the runs passed in does not hide them.
    const later = weeklyTrends(runs, [], {
      weekOf: '2026-W44',
      timeZone: 'UTC',
      weeks: 1,
      thresholdSpm: 170,
      firstRunAt: '2026-10-29T12:00:00Z',
      acuteChronicMinHistoryDays: 0,
    });
    expect(later.weeks[0]?.acuteChronicRatio).toBeCloseTo(4, 10);
    expect(() =>
      weeklyTrends(runs, [], {
        weekOf: '2026-W44',
        timeZone: 'UTC',
        thresholdSpm: 170,
        firstRunAt: 'spring',
      }),
    ).toThrow(expect.objectContaining({ code: 'TRENDS_BAD_OPTION' }));
    expect(() =>
      weeklyTrends(runs, [], {
        weekOf: '2026-W44',
        timeZone: 'UTC',
        thresholdSpm: 170,
        acuteChronicMinHistoryDays: 30,
      }),
    ).toThrow(expect.objectContaining({ code: 'TRENDS_BAD_OPTION' }));
  });

  it('does not flag the ramp after a week with no runs, however big the week', () => {
    const runs = [run('old', '2026-10-20T12:00:00Z', 5000), run('big', '2026-11-03T12:00:00Z', 30_000)];
    const t = weeklyTrends(runs, [], { weekOf: '2026-W45', timeZone: 'UTC', weeks: 3, thresholdSpm: 170 });
    expect(t.weeks.map((w) => [w.isoWeek, w.runCount, w.rampPercent, w.rampFlag])).toEqual([
      ['2026-W43', 1, null, false],
      ['2026-W44', 0, -100, false],
      ['2026-W45', 1, null, false],
    ]);
  });
});

describe('weeklyTrends calendar', () => {
  it("puts a run in the athlete's local week, not the UTC one", () => {
    // Sunday 2026-11-15 23:30 UTC is Monday 00:30 in Berlin (W47) but still Sunday in UTC (W46).
    const runs = [run('late', '2026-11-15T23:30:00Z', 8000)];
    const berlin = weeklyTrends(runs, [], {
      weekOf: '2026-W47',
      timeZone: 'Europe/Berlin',
      weeks: 2,
      thresholdSpm: 170,
    });
    const utc = weeklyTrends(runs, [], { weekOf: '2026-W47', timeZone: 'UTC', weeks: 2, thresholdSpm: 170 });
    expect(berlin.weeks.map((w) => w.distanceM)).toEqual([0, 8000]);
    expect(utc.weeks.map((w) => w.distanceM)).toEqual([8000, 0]);
    // Monday 05:00 UTC is still Sunday evening in Los Angeles.
    const la = weeklyTrends([run('la', '2026-11-16T05:00:00Z', 6000)], [], {
      weekOf: '2026-W47',
      timeZone: 'America/Los_Angeles',
      weeks: 2,
      thresholdSpm: 170,
    });
    expect(la.weeks.map((w) => w.distanceM)).toEqual([6000, 0]);
  });

  it("places a run by the athlete's zone, whatever local offset its file gives", () => {
    // Sunday 25 Oct 2026, 21:30 UTC is Sunday evening in Berlin; a watch set to +14 h calls it Monday.
    for (const localOffsetS of [null, 3600, 14 * 3600, -12 * 3600]) {
      const t = weeklyTrends([{ ...run('sun', '2026-10-25T21:30:00Z', 8000), localOffsetS }], [], {
        weekOf: '2026-W44',
        timeZone: 'Europe/Berlin',
        weeks: 2,
        thresholdSpm: 170,
      });
      expect(t.weeks.map((w) => [w.isoWeek, w.distanceM])).toEqual([
        ['2026-W43', 8000],
        ['2026-W44', 0],
      ]);
    }
  });

  it('keeps both edges of a week that ends with the autumn DST change', () => {
    // Berlin W43 2026: Monday 19 Oct 00:30 CEST (= 18 Oct 22:30 UTC) to Sunday 25 Oct 23:30 CET
    // (= 22:30 UTC, after clocks went back that morning). With the summer offset the second run
    // would fall into Monday of W44; with the winter offset the first would fall into W42.
    const runs = [
      { ...run('mon', '2026-10-18T22:30:00Z', 5000), localOffsetS: 7200 },
      { ...run('sun', '2026-10-25T22:30:00Z', 7000), localOffsetS: 3600 },
    ];
    const t = weeklyTrends(runs, [], {
      weekOf: '2026-W44',
      timeZone: 'Europe/Berlin',
      weeks: 3,
      thresholdSpm: 170,
    });
    expect(t.weeks.map((w) => [w.isoWeek, w.distanceM])).toEqual([
      ['2026-W42', 0],
      ['2026-W43', 12_000],
      ['2026-W44', 0],
    ]);
  });

  it('handles the spring DST change in New York', () => {
    // 8 March 2026 clocks go forward; Sunday 23:30 EDT = Monday 03:30 UTC stays in W10.
    const t = weeklyTrends([run('ny', '2026-03-09T03:30:00Z', 4000)], [], {
      weekOf: '2026-W11',
      timeZone: 'America/New_York',
      weeks: 2,
      thresholdSpm: 170,
    });
    expect(t.weeks.map((w) => [w.isoWeek, w.startDate, w.distanceM])).toEqual([
      ['2026-W10', '2026-03-02', 4000],
      ['2026-W11', '2026-03-09', 0],
    ]);
  });

  it('accepts week 53 of a 53-week year and a date in a week that straddles New Year', () => {
    const t = weeklyTrends([], [], { weekOf: '2027-01-01', timeZone: 'UTC', weeks: 1, thresholdSpm: 170 });
    expect(t.weeks[0]?.isoWeek).toBe('2026-W53');
    expect(t.weeks[0]?.startDate).toBe('2026-12-28');
    const w1 = weeklyTrends([], [], { weekOf: '2025-W01', timeZone: 'UTC', weeks: 1, thresholdSpm: 170 });
    expect(w1.weeks[0]?.startDate).toBe('2024-12-30');
  });
});

describe('weeklyTrends bad input', () => {
  const base = { weekOf: '2026-W44', timeZone: 'UTC', thresholdSpm: 170 };

  it('refuses unusable options with stable codes', () => {
    expect(() => weeklyTrends([], [], { ...base, weekOf: '2025-W53' })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_WEEK' }),
    );
    expect(() => weeklyTrends([], [], { ...base, weekOf: 'last week' })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_WEEK' }),
    );
    expect(() => weeklyTrends([], [], { ...base, weekOf: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_WEEK' }),
    );
    expect(() => weeklyTrends([], [], { ...base, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_TIME_ZONE' }),
    );
    expect(() => weeklyTrends([], [], { ...base, weeks: 0 })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_OPTION' }),
    );
    expect(() => weeklyTrends([], [], { ...base, thresholdSpm: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'TRENDS_BAD_OPTION' }),
    );
  });

  it('lists bad runs and pain entries instead of failing the whole report', () => {
    const t = weeklyTrends(
      [
        run('bad-date', 'yesterday', 5000),
        run('neg', '2026-10-27T12:00:00Z', -1),
        run('ok', '2026-10-27T12:00:00Z', 5000),
      ],
      [pain('soon', 3), pain('2026-10-27T12:00:00Z', 12)],
      { ...base, weeks: 1 },
    );
    expect(t.weeks[0]?.distanceM).toBe(5000);
    expect(t.skipped.map((s) => [s.kind, s.ref])).toEqual([
      ['run', 'bad-date'],
      ['run', 'neg'],
      ['pain', 'soon'],
      ['pain', '2026-10-27T12:00:00Z'],
    ]);
  });
});
