import { weeklyTrends, type RunRecord } from '@runcue/analysis';
import { describe, expect, it } from 'vitest';
import { inputOf, painAt, trendsOf, week } from '../test/coach-fixtures.ts';
import { runAnalysis } from '@runcue/analysis/testing';
import type { CueHistoryEntry } from './coach-input.ts';
import { coachRun } from './coach-run.ts';

const troubled = runAnalysis({
  medianSpm: 158,
  shareBelow: 0.9,
  decay: { onsetDistanceM: 7000, cadencePercent: -4 },
  driftPercent: 8,
});
const rampTrends = trendsOf([
  week('2026-W43', 25_000),
  week('2026-W44', 23_000),
  week('2026-W45', 26_000),
  week('2026-W46', 24_000),
  week('2026-W47', 33_000, { rampPercent: 37.5, rampFlag: true }),
]);

describe('coachRun', () => {
  it('keeps the three most important cues, in priority order, and notes the rest', () => {
    const advice = coachRun(inputOf({ analysis: troubled, trends: rampTrends }));
    expect(advice.cues.map((c) => c.id)).toEqual(['load-ramp', 'form-decay', 'cadence-low']);
    expect(advice.notes.join(' ')).toContain('held back to keep the list short: pace drift');
    expect(advice.suppressedTraining).toBe(false);
    expect(advice.cues.every((c) => c.level === 1 && c.source.length > 0 && c.reason.length > 0)).toBe(true);
    expect(advice.recovery.map((r) => r.id)).toEqual([
      'strength-twice-weekly',
      'core-endurance',
      'glute-strength',
      'hip-mobility',
    ]);
  });

  it('withholds every training cue and exercise on a red-flag pain entry', () => {
    const advice = coachRun(
      inputOf({
        analysis: troubled,
        trends: rampTrends,
        pain: [painAt('2026-11-19T06:00:00Z', 4, ['leg-weakness'])],
      }),
    );
    expect(advice.suppressedTraining).toBe(true);
    expect(advice.cues.map((c) => c.id)).toEqual(['pain-red-flag']);
    expect(advice.cues[0]?.message).toMatch(/urgent professional care: see a doctor or physiotherapist/);
    expect(advice.recovery).toEqual([]);
    expect(advice.notes.join(' ')).toMatch(/withheld.*low cadence/);
  });

  it('answers 3/10 pain with stop-and-rest first, the return-to-run plan and no training cue', () => {
    const advice = coachRun(inputOf({ analysis: troubled, pain: [painAt('2026-11-20T17:00:00Z', 3)] }));
    expect(advice.cues.map((c) => c.id)).toEqual(['pain-stop']);
    expect(advice.cues[0]?.severity).toBe('stop');
    expect(advice.cues[0]?.message).toContain('3 to 5 days');
    const plan = advice.recovery.find((r) => r.id === 'return-to-run');
    expect(plan?.exercises[0]).toEqual({
      name: 'Week 1: run 1 min, walk 3 min',
      dose: '6 rounds, 3 days a week, after 5 min of glute activation',
    });
    // The first 72 hours: calm it down, no circuit yet.
    expect(advice.recovery.map((r) => r.id)).toEqual(['first-72-hours', 'return-to-run']);
    expect(advice.suppressedTraining).toBe(true);
  });

  it('rotates the wording and escalates the level over consecutive runs', () => {
    const history: CueHistoryEntry[] = [];
    const messages: string[] = [];
    const levels: number[] = [];
    for (let run = 0; run < 5; run++) {
      const now = new Date(Date.parse('2026-11-10T07:00:00Z') + run * 2 * 86_400_000).toISOString();
      const advice = coachRun(
        inputOf({ analysis: runAnalysis({ medianSpm: 160 }), history: { recentCues: history }, now }),
      );
      const cue = advice.cues.find((c) => c.id === 'cadence-low');
      expect(cue).toBeDefined();
      if (cue === undefined) return;
      messages.push(cue.message);
      levels.push(cue.level);
      history.push({ cueId: cue.id, level: cue.level, at: now });
    }
    expect(levels).toEqual([1, 2, 3, 3, 3]);
    for (let i = 1; i < messages.length; i++) expect(messages[i]).not.toBe(messages[i - 1]);
    expect(messages[2]).toMatch(/workout/);
  });

  it('starts again at level 1 when the cue has not been sent for over two weeks', () => {
    const history = [{ cueId: 'cadence-low', level: 3, at: '2026-11-01T07:00:00Z' }];
    const cue = coachRun(
      inputOf({ analysis: runAnalysis({ medianSpm: 160 }), history: { recentCues: history } }),
    ).cues[0];
    expect(cue?.level).toBe(1);
  });

  it('does not repeat the shoe info cue within a week', () => {
    const shoe = { name: 'Clifton', distanceM: 500_000, warnAtM: 482_803 };
    const first = coachRun(inputOf({ shoe }));
    expect(first.cues.map((c) => c.id)).toEqual(['shoe-mileage']);
    const soon = coachRun(
      inputOf({
        shoe,
        history: { recentCues: [{ cueId: 'shoe-mileage', level: 1, at: '2026-11-18T07:00:00Z' }] },
      }),
    );
    expect(soon.cues.map((c) => c.id)).toEqual(['steady']);
    expect(soon.notes.join(' ')).toContain('shoe mileage was given 2 day(s) ago');
    const later = coachRun(
      inputOf({
        shoe,
        history: { recentCues: [{ cueId: 'shoe-mileage', level: 1, at: '2026-11-12T07:00:00Z' }] },
      }),
    );
    expect(later.cues[0]?.id).toBe('shoe-mileage');
    expect(later.cues[0]?.message).not.toBe(first.cues[0]?.message);
  });

  it('gives one encouraging cue with the checked figures when nothing is wrong', () => {
    const advice = coachRun(inputOf());
    expect(advice.cues).toHaveLength(1);
    expect(advice.cues[0]?.id).toBe('steady');
    expect(advice.cues[0]?.reason).toContain('cadence 172 steps/min');
    expect(advice.recovery).toEqual([]);
    expect(advice.notes).toContain('No training history yet, so weekly load was not judged.');
  });

  it('a first run is told "Mileage jumped" (regression): the first run gets no load cue', () => {
    const analysis = runAnalysis({ distanceM: 8000 });
    const first: RunRecord = {
      activityId: 'first',
      startTime: '2026-11-19T17:00:00Z',
      localOffsetS: 3600,
      distanceM: 8000,
      runningTimeS: 2700,
      shoeId: null,
      analysis: {
        cadenceMedianSpm: 172,
        cadenceCoveredS: 2700,
        cadenceThresholdSpm: 170,
        shareBelowThreshold: 0.2,
        formDecayDetected: false,
        decayOnsetPercent: null,
        decouplingPercent: null,
        paceDriftPercent: null,
      },
    };
    const trends = weeklyTrends([first], [], {
      weekOf: '2026-11-19',
      timeZone: 'Europe/Berlin',
      thresholdSpm: 170,
    });
    const advice = coachRun(inputOf({ analysis, trends }));
    expect(advice.cues.map((c) => c.id)).toEqual(['steady']);
    // The same week for a runner with a long history but a break: a break is not a spike either.
    const returning = weeklyTrends([first], [], {
      weekOf: '2026-11-19',
      timeZone: 'Europe/Berlin',
      thresholdSpm: 170,
      firstRunAt: '2026-03-01T07:00:00Z',
    });
    expect(coachRun(inputOf({ analysis, trends: returning })).cues.map((c) => c.id)).toEqual(['steady']);
  });

  it('gives no form cues for an activity that is not a run', () => {
    const advice = coachRun(inputOf({ analysis: runAnalysis({ isRun: false, medianSpm: 120 }) }));
    expect(advice.cues).toEqual([]);
    expect(advice.notes.join(' ')).toContain('not recognised as a run');
  });

  it('refuses an unreadable clock or threshold with a stable code', () => {
    expect(() => coachRun(inputOf({ now: 'tomorrow' }))).toThrow(
      expect.objectContaining({ code: 'COACH_BAD_NOW' }),
    );
    expect(() => coachRun(inputOf({ profile: { thresholdSpm: 17, units: 'km' } }))).toThrow(
      expect.objectContaining({ code: 'COACH_BAD_PROFILE' }),
    );
  });
});
