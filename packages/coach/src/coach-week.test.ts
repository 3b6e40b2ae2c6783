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
