import { PAIN_RED_FLAGS, type PainMilestone } from '@runcue/analysis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputOf, NOW, painAt, trendsOf, week } from '../test/coach-fixtures.ts';
import { runAnalysis } from '@runcue/analysis/testing';
import { adviceItems } from './advice-items.ts';
import { coachPain } from './coach-pain.ts';
import { coachRun } from './coach-run.ts';
import { coachWeek } from './coach-week.ts';
import type { CoachAdvice } from './coach-input.ts';
import { RECOVERY } from './recovery-catalogue.ts';
import { cadenceTarget } from './rules/cadence-target.ts';
import { SOURCES, sourceTitle } from './sources.ts';

/** A run where every training rule fires, with a load spike on a real history and a worn shoe. */
const troubled = runAnalysis({
  medianSpm: 158,
  shareBelow: 0.9,
  decay: { onsetDistanceM: 7000, cadencePercent: -4 },
  driftPercent: 8,
  distanceM: 18_000,
});
const spikeTrends = trendsOf([
  week('2026-W43', 25_000),
  week('2026-W44', 23_000),
  week('2026-W45', 26_000),
  week('2026-W46', 24_000),
  week('2026-W47', 33_000, { rampPercent: 37.5, rampFlag: true, cadenceMedianSpm: 158 }),
]);
const shoe = { name: 'Clifton', distanceM: 900_000, warnAtM: 482_803 };
const everything = { analysis: troubled, trends: spikeTrends, shoe };
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursAgo(d * 24);
const kinds = (advice: CoachAdvice) => advice.cues.map((c) => c.kind);
const cleared = (at: string): PainMilestone => ({ kind: 'cleared', at, note: null });

describe('safety: pain at 3/10 or more withholds every training cue', () => {
  it('without pain the troubled run gets training cues (the rules do fire)', () => {
    expect(kinds(coachRun(inputOf(everything)))).toContain('training');
  });

  it.each([3, 4, 6, 9])(
    'pain %i/10 today: no training cue after a run, in the week or after logging',
    (score) => {
      const pain = [painAt(hoursAgo(1), score)];
      for (const advice of [
        coachRun(inputOf({ ...everything, pain })),
        coachWeek({ ...inputOf({ pain, shoe }), trends: spikeTrends }),
        coachPain(inputOf({ pain })),
      ]) {
        expect(advice.suppressedTraining).toBe(true);
        expect(kinds(advice)).not.toContain('training');
        expect(adviceItems(advice).some((i) => i.kind === 'training')).toBe(false);
        expect(advice.cues[0]?.kind).toBe('safety');
        const recovery = advice.recovery.map((r) => r.id);
        expect(
          recovery.every((id) => ['first-72-hours', 'rehab-circuit', 'return-to-run'].includes(id)),
        ).toBe(true);
      }
    },
  );

  it('the latest entry within the week counts; an older one does not', () => {
    const fiveDays = coachRun(inputOf({ ...everything, pain: [painAt(daysAgo(5), 4)] }));
    expect(kinds(fiveDays)).not.toContain('training');
    const lower = coachRun(inputOf({ ...everything, pain: [painAt(daysAgo(5), 4), painAt(daysAgo(1), 1)] }));
    expect(lower.cues.map((c) => c.id)).not.toContain('pain-stop');
    const old = coachRun(inputOf({ ...everything, pain: [painAt(daysAgo(9), 4)] }));
    expect(old.cues.map((c) => c.id)).not.toContain('pain-stop');
  });
});

describe('safety: severe, leg-spreading or lingering pain leads with a doctor or physiotherapist', () => {
  it.each([
    ['severe pain 8/10', [painAt(hoursAgo(1), 8)]],
    ['pain 7/10', [painAt(hoursAgo(1), 7)]],
    ['pain 2/10 in a leg', [painAt(hoursAgo(1), 2, [], 'leg')]],
    ['pain 8/10 in a leg', [painAt(hoursAgo(1), 8, [], 'leg')]],
    ['pain not easing for 16 days', [painAt(daysAgo(16), 4), painAt(daysAgo(8), 3), painAt(daysAgo(1), 4)]],
    [
      'mild pain not easing for 15 days',
      [painAt(daysAgo(15), 2), painAt(daysAgo(7), 2), painAt(daysAgo(1), 2)],
    ],
  ])('%s', (_name, pain) => {
    for (const advice of [coachRun(inputOf({ ...everything, pain })), coachPain(inputOf({ pain }))]) {
      const first = adviceItems(advice)[0];
      expect(first?.id).toBe('pain-see-professional');
      expect(first?.kind).toBe('safety');
      expect(first?.message).toMatch(/See a doctor or physiotherapist/);
      expect(kinds(advice)).not.toContain('training');
    }
  });

  it('pain that eased, or a gap without pain, is not "not easing"; moderate back pain is not "severe"', () => {
    const eased = [painAt(daysAgo(16), 5), painAt(daysAgo(8), 3), painAt(daysAgo(1), 1)];
    const gap = [painAt(daysAgo(16), 4), painAt(daysAgo(8), 0), painAt(daysAgo(1), 4)];
    const moderate = [painAt(hoursAgo(1), 6)];
    for (const pain of [eased, gap, moderate]) {
      expect(coachPain(inputOf({ pain })).cues.map((c) => c.id)).not.toContain('pain-see-professional');
    }
  });
});

describe('safety: red flags hold until a professional clears the runner', () => {
  it.each(PAIN_RED_FLAGS)('%s: urgent care first, all training withheld, no exercises', (flag) => {
    const advice = coachRun(inputOf({ ...everything, pain: [painAt(hoursAgo(2), 1, [flag])] }));
    expect(advice.cues.map((c) => c.id)).toEqual(['pain-red-flag']);
    expect(advice.cues[0]?.message).toMatch(/urgent/i);
    expect(advice.recovery).toEqual([]);
    expect(advice.suppressedTraining).toBe(true);
  });

  it('saddle numbness and bladder or bowel trouble are an emergency', () => {
    for (const flag of ['saddle-numbness', 'bladder-bowel'] as const) {
      const cue = coachPain(inputOf({ pain: [painAt(hoursAgo(1), 3, [flag])] })).cues[0];
      expect(cue?.message).toMatch(/emergency/);
      expect(cue?.metrics['emergency']).toBe('yes');
    }
  });

  it('never expires: two months later and after flag-free 0/10 entries it still leads', () => {
    const pain = [painAt(daysAgo(60), 4, ['numbness']), painAt(daysAgo(30), 0), painAt(hoursAgo(1), 0)];
    const advice = coachRun(inputOf({ ...everything, pain }));
    expect(advice.cues[0]?.id).toBe('pain-red-flag');
    expect(kinds(advice)).toEqual(['safety']);
    expect(advice.cues[0]?.reason).toContain('60 days ago');
  });

  it('lifts only with a recorded clearance after it, and a new flag after the clearance holds again', () => {
    const pain = [painAt(daysAgo(20), 5, ['night-pain']), painAt(hoursAgo(1), 0)];
    const before = coachRun(inputOf({ ...everything, pain, painMilestones: [cleared(daysAgo(25))] }));
    expect(before.cues[0]?.id).toBe('pain-red-flag');
    const after = coachRun(inputOf({ ...everything, pain, painMilestones: [cleared(daysAgo(2))] }));
    expect(after.cues.map((c) => c.id)).not.toContain('pain-red-flag');
    expect(kinds(after)).toContain('training');
    const again = coachRun(
      inputOf({
        ...everything,
        pain: [...pain, painAt(hoursAgo(3), 2, ['leg-weakness'])],
        painMilestones: [cleared(daysAgo(2))],
      }),
    );
    expect(again.cues[0]?.id).toBe('pain-red-flag');
  });
});

describe('safety: the first 72 hours of a flare-up', () => {
  const stretching = [
    'rehab-circuit',
    'hip-mobility',
    'core-endurance',
    'glute-strength',
    'strength-twice-weekly',
  ];

  it('gives no stretching or strength circuit in the first 72 hours, then the rebuild circuit', () => {
    const flare = [painAt(daysAgo(10), 1), painAt(hoursAgo(60), 5), painAt(hoursAgo(2), 4)];
    for (const advice of [
      coachRun(inputOf({ ...everything, pain: flare })),
      coachPain(inputOf({ pain: flare })),
    ]) {
      const ids = advice.recovery.map((r) => r.id);
      expect(ids).toContain('first-72-hours');
      expect(ids.some((id) => stretching.includes(id))).toBe(false);
    }
    const later = [painAt(daysAgo(10), 1), painAt(hoursAgo(80), 5), painAt(hoursAgo(2), 4)];
    const ids = coachPain(inputOf({ pain: later })).recovery.map((r) => r.id);
    expect(ids).toContain('rehab-circuit');
    expect(ids).not.toContain('first-72-hours');
  });

  it('the first-72-hours item itself says no stretching and names no stretch', () => {
    expect(RECOVERY['first-72-hours'].reason).toMatch(/hold off stretching/);
    expect(RECOVERY['first-72-hours'].exercises.some((e) => /stretch|plank|bridge/i.test(e.name))).toBe(
      false,
    );
  });
});

describe('safety: the return-to-run plan persists until it is done', () => {
  const flare = [painAt(daysAgo(10), 5), painAt(daysAgo(6), 2), painAt(hoursAgo(2), 0)];

  it('does not vanish when pain reads 0/10', () => {
    const advice = coachRun(inputOf({ ...everything, pain: flare, runStarts: [daysAgo(5), daysAgo(3)] }));
    expect(advice.cues.map((c) => c.id)).toContain('return-to-run');
    expect(advice.recovery.map((r) => r.id)).toContain('return-to-run');
    expect(advice.cues.find((c) => c.id === 'return-to-run')?.message).toContain('2 of its 10');
  });

  it('ends when logged done after the high pain, or when the sessions of weeks 1-3 are run', () => {
    const done: PainMilestone = { kind: 'return-done', at: daysAgo(1), note: null };
    expect(coachPain(inputOf({ pain: flare, painMilestones: [done] })).cues.map((c) => c.id)).not.toContain(
      'return-to-run',
    );
    const doneBefore: PainMilestone = { kind: 'return-done', at: daysAgo(12), note: null };
    expect(coachPain(inputOf({ pain: flare, painMilestones: [doneBefore] })).cues.map((c) => c.id)).toContain(
      'return-to-run',
    );
    const old = [painAt(daysAgo(30), 5), painAt(hoursAgo(2), 0)];
    const tenRuns = Array.from({ length: 10 }, (_, i) => daysAgo(25 - i * 2));
    expect(coachPain(inputOf({ pain: old, runStarts: tenRuns })).cues.map((c) => c.id)).not.toContain(
      'return-to-run',
    );
    expect(coachPain(inputOf({ pain: old, runStarts: tenRuns.slice(0, 6) })).cues.map((c) => c.id)).toContain(
      'return-to-run',
    );
  });
});

describe('safety: cadence targets', () => {
  it('never go below the current median, and none at or above 180', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 230, noNaN: true }),
        fc.integer({ min: 100, max: 220 }),
        (m, t) => {
          const target = cadenceTarget(m, t);
          if (target !== null) {
            expect(target).toBeGreaterThan(m);
            expect(target).toBeLessThanOrEqual(180);
          }
          if (m >= 180) expect(target).toBeNull();
        },
      ),
    );
  });

  it('a runner at 184 with a 190 threshold gets no cadence cue', () => {
    const advice = coachRun(
      inputOf({ analysis: runAnalysis({ medianSpm: 184 }), profile: { thresholdSpm: 190, units: 'km' } }),
    );
    expect(advice.cues.map((c) => c.id)).not.toContain('cadence-low');
  });

  describe('a runner at or above 180 gets no cadence-raising target, wherever the coach speaks', () => {
    // A threshold above the median, so the cadence rule would fire if the ceiling did not hold.
    const profile = { thresholdSpm: 190, units: 'km' } as const;
    const raisesCadence = (advice: CoachAdvice): boolean =>
      advice.cues.some((c) => c.id === 'cadence-low' || c.metrics['targetSpm'] !== undefined) ||
      adviceItems(advice).some((i) => /\b1[89]\d steps a minute|metronome/i.test(i.message));

    it.each([180, 180.4, 183, 195])('median %s spm: no target after a run, nor in the week', (medianSpm) => {
      const trends = trendsOf([
        week('2026-W45', 20_000, { cadenceMedianSpm: medianSpm }),
        week('2026-W46', 20_000, { cadenceMedianSpm: medianSpm }),
        week('2026-W47', 10_000, { cadenceMedianSpm: medianSpm }),
      ]);
      const run = coachRun(inputOf({ analysis: runAnalysis({ medianSpm, shareBelow: 1 }), trends, profile }));
      const weekly = coachWeek({ ...inputOf({ profile }), trends });
      for (const advice of [run, weekly]) expect(raisesCadence(advice)).toBe(false);
    });

    it('nor when the weeks before were slower: the target is built on them, but never at or below this run', () => {
      const trends = trendsOf([
        week('2026-W44', 20_000, { cadenceMedianSpm: 172 }),
        week('2026-W45', 20_000, { cadenceMedianSpm: 173 }),
        week('2026-W46', 20_000, { cadenceMedianSpm: 172 }),
        week('2026-W47', 10_000, { cadenceMedianSpm: 181 }),
      ]);
      const advice = coachRun(
        inputOf({ analysis: runAnalysis({ medianSpm: 181, shareBelow: 1 }), trends, profile }),
      );
      expect(raisesCadence(advice)).toBe(false);
    });

    it('just below 180, the target stops at 180', () => {
      const advice = coachRun(inputOf({ analysis: runAnalysis({ medianSpm: 177 }), profile }));
      expect(advice.cues.find((c) => c.id === 'cadence-low')?.metrics['targetSpm']).toBe(180);
    });
  });

  it('one target per runner at a time: two runs in a week with different medians get the same target', () => {
    const trends = trendsOf([
      week('2026-W44', 20_000, { cadenceMedianSpm: 152 }),
      week('2026-W45', 20_000, { cadenceMedianSpm: 153 }),
      week('2026-W46', 20_000, { cadenceMedianSpm: 152 }),
      week('2026-W47', 10_000, { cadenceMedianSpm: 150 }),
    ]);
    const targets = [152, 146].map(
      (medianSpm) =>
        coachRun(inputOf({ analysis: runAnalysis({ medianSpm }), trends })).cues.find(
          (c) => c.id === 'cadence-low',
        )?.metrics['targetSpm'],
    );
    expect(targets[0]).toBe(160);
    expect(targets[1]).toBe(160);
  });
});

describe('advice fits the run', () => {
  it('no fuelling for a run under 75 minutes, whatever its distance; fuelling on a long one', () => {
    const decay = { onsetDistanceM: 12_000, cadencePercent: -4 };
    const short = runAnalysis({ decay, distanceM: 16_000 });
    short.summary.movingTimeS = 45 * 60;
    const long = runAnalysis({ decay, distanceM: 21_000 });
    long.summary.movingTimeS = 110 * 60;
    const msg = (a: typeof short) =>
      coachRun(inputOf({ analysis: a })).cues.find((c) => c.id === 'form-decay')?.message;
    expect(msg(short)).not.toMatch(/fuel/i);
    expect(msg(long)).toMatch(/fuel/i);
  });

  it('no cadence drills on a steep or hike-heavy run', () => {
    const steep = runAnalysis({ medianSpm: 150, distanceM: 10_000 });
    steep.summary.elevationGainM = 600;
    const hike = runAnalysis({ medianSpm: 150 });
    hike.summary.walkTimeS = hike.summary.movingTimeS * 0.4;
    for (const analysis of [steep, hike]) {
      const advice = coachRun(inputOf({ analysis }));
      expect(advice.cues.map((c) => c.id)).not.toContain('cadence-low');
      expect(advice.cues.some((c) => /metronome/.test(c.message))).toBe(false);
      expect(advice.notes.join(' ')).toMatch(/Cadence was not coached: a (steep|hike-heavy) run/);
    }
    expect(coachRun(inputOf({ analysis: runAnalysis({ medianSpm: 150 }) })).cues.map((c) => c.id)).toContain(
      'cadence-low',
    );
  });
});

describe('sources', () => {
  const known = new Set<string>(Object.values(SOURCES));
  const all = [
    coachRun(inputOf(everything)),
    coachRun(inputOf({ ...everything, pain: [painAt(hoursAgo(1), 8, [], 'leg')] })),
    coachRun(inputOf({ ...everything, pain: [painAt(hoursAgo(1), 1, ['bladder-bowel'])] })),
    coachRun(inputOf({ ...everything, pain: [painAt(daysAgo(10), 5), painAt(hoursAgo(1), 1)] })),
  ];

  it('every cue and recovery item cites a known reference or runcue guidance, shown by title', () => {
    for (const advice of all) {
      for (const s of [...advice.cues, ...advice.recovery].flatMap((c) => c.source))
        expect(known).toContain(s);
      for (const item of adviceItems(advice)) {
        expect(item.source.length).toBeGreaterThan(0);
        expect(item.source).not.toMatch(/\.txt|_[0-9a-f]{8}/);
      }
    }
    expect(sourceTitle('003_ee1f8b417e742fc5.txt')).toMatch(/Lower Back/);
  });

  it('pacing advice, which no reference gives, is labelled runcue guidance and names no "10 minutes", heat or fuelling schedule', () => {
    const cue = coachRun(inputOf({ analysis: runAnalysis({ driftPercent: 9 }) })).cues.find(
      (c) => c.id === 'pace-drift',
    );
    expect(cue?.source).toEqual([SOURCES.general]);
    const items = adviceItems({ cues: cue ? [cue] : [], recovery: [] });
    expect(items[0]?.source).toMatch(/runcue's own general guidance/);
  });
});
