import { weeklyTrends, type RunRecord } from '@runcue/analysis';
import { describe, expect, it } from 'vitest';
import { painAt, trendsOf, week } from '../test/coach-fixtures.ts';
import type { CoachWeekInput } from './coach-input.ts';
import { coachWeek } from './coach-week.ts';

function weekInput(overrides: Partial<CoachWeekInput> = {}): CoachWeekInput {
  return {
    trends: trendsOf([week('2026-W46', 30_000), week('2026-W47', 31_000)]),
    pain: [],
    profile: { thresholdSpm: 170, units: 'km' },
    shoe: null,
    history: { recentCues: [] },
    now: '2026-11-23T07:00:00Z',
    ...overrides,
  };
}

describe('coachWeek', () => {
  it('turns the week figures into top cues', () => {
    const trends = trendsOf([
      week('2026-W43', 28_000, { cadenceMedianSpm: 163 }),
      week('2026-W44', 31_000, { cadenceMedianSpm: 163 }),
      week('2026-W45', 29_000, { cadenceMedianSpm: 163 }),
      week('2026-W46', 30_000, { cadenceMedianSpm: 163 }),
      week('2026-W47', 36_000, {
        cadenceMedianSpm: 163,
        shareBelowThreshold: 0.7,
        formDecayRuns: 2,
        decayOnsetMedianPercent: 72,
        rampPercent: 20,
        rampFlag: true,
        longRunM: 16_000,
      }),
    ]);
    const advice = coachWeek(weekInput({ trends }));
    expect(advice.cues.map((c) => c.id)).toEqual(['load-ramp', 'form-decay', 'cadence-low']);
    expect(advice.cues[2]?.reason).toContain('this week was 163 steps/min');
    expect(advice.cues[2]?.metrics['targetSpm']).toBe(170);
    expect(advice.cues[1]?.reason).toContain(
      '2 run(s) this week lost form late, starting at a median of about 72% of the way in.',
    );
    expect(advice.cues[1]?.message).toMatch(/fuel/);
  });

  it('ignores a single decaying run out of several and says the week was steady', () => {
    const advice = coachWeek(
      weekInput({ trends: trendsOf([week('2026-W47', 31_000, { formDecayRuns: 1, runCount: 4 })]) }),
    );
    expect(advice.cues.map((c) => c.id)).toEqual(['steady']);
  });

  it('still applies pain rules in a week without runs', () => {
    const advice = coachWeek(
      weekInput({
        trends: trendsOf([week('2026-W47', 0, { runCount: 0, longRunM: 0 })]),
        pain: [painAt('2026-11-21T07:00:00Z', 2)],
      }),
    );
    expect(advice.cues.map((c) => c.id)).toEqual(['pain-monitor']);
    expect(advice.notes.join(' ')).toContain('No runs this week');
  });
});

describe("the athlete's load thresholds reach the coach", () => {
  // Four weeks of 60 km, then 65 km: +8%, 5 km more, acute:chronic about 1.06.
  const runs: RunRecord[] = [0, 1, 2, 3, 4].flatMap((w) =>
    [0, 2, 4].map((d) => ({
      activityId: `w${w}d${d}`,
      startTime: new Date(Date.UTC(2026, 9, 26 + w * 7 + d, 7)).toISOString(),
      localOffsetS: null,
      distanceM: w === 4 && d === 4 ? 25_000 : 20_000,
      runningTimeS: 6000,
      movingTimeS: 6000,
      shoeId: null,
      analysis: {
        cadenceMedianSpm: 172,
        cadenceCoveredS: 6000,
        cadenceThresholdSpm: 170,
        shareBelowThreshold: 0.1,
        formDecayDetected: false,
        decayOnsetPercent: null,
        decouplingPercent: null,
        paceDriftPercent: null,
      },
    })),
  );
  const coached = (thresholds: { rampFlagPercent?: number; acuteChronicFlagRatio?: number }) =>
    coachWeek(
      weekInput({
        trends: weeklyTrends(runs, [], {
          weekOf: '2026-W48',
          timeZone: 'Europe/Berlin',
          weeks: 5,
          thresholdSpm: 170,
          ...thresholds,
        }),
      }),
    ).cues.find((c) => c.id === 'load-ramp');

  it('an 8% rise is no spike at the default 10%, but is one for a runner who set 5%, and the target is a reduction', () => {
    expect(coached({})).toBeUndefined();
    const cue = coached({ rampFlagPercent: 5 });
    expect(cue?.metrics['rampPercent']).toBe(8);
    expect(cue?.metrics['targetDistanceM']).toBe(60_000);
  });

  it("names the athlete's own acute:chronic flag", () => {
    const cue = coached({ acuteChronicFlagRatio: 1.05 });
    expect(cue?.reason).toContain('(runcue flags above 1.05)');
  });
});
