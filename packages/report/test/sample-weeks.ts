import { weeklyTrends, type PainEntry, type RunRecord, type WeeklyTrends } from '@runcue/analysis';

/**
 * A seeded 16-week history for weekly-review tests and previews, put through the real
 * `weeklyTrends` so the review is tested against the shape analysis produces. Runs on Tuesday,
 * Thursday and Sunday mornings (Europe/Berlin); the weekly distance climbs, jumps 30% in week 45,
 * cadence rises from about 164 to 172 spm, decay shows on Sunday long runs, and back pain is logged
 * in weeks 44-46.
 */
export function sampleWeeklyTrends(weekOf = '2026-W47'): WeeklyTrends {
  const runs: RunRecord[] = [];
  const pain: PainEntry[] = [];
  // Monday 2026-08-03 is the first day of ISO week 2026-W32; the review ends with 2026-W47.
  const firstMonday = Date.UTC(2026, 7, 3);
  for (let week = 0; week < 16; week++) {
    const base = 6000 + week * 350 + (week === 13 ? 3500 : 0);
    const cadence = 164 + week * 0.5;
    for (const [day, factor] of [
      [1, 1],
      [3, 1],
      [6, 1.8],
    ] as const) {
      const distanceM = Math.round(base * factor);
      const start = new Date(firstMonday + ((week * 7 + day) * 24 + 6) * 3600_000).toISOString();
      const longRun = day === 6;
      runs.push({
        activityId: `w${week}d${day}`,
        startTime: start,
        localOffsetS: 3600,
        distanceM,
        runningTimeS: Math.round(distanceM * 0.33),
        shoeId: 'pegasus',
        analysis: {
          cadenceMedianSpm: cadence + (longRun ? -2 : 0),
          cadenceCoveredS: Math.round(distanceM * 0.33),
          cadenceThresholdSpm: 170,
          shareBelowThreshold: Math.max(0, Math.min(1, (172 - cadence) / 12)),
          formDecayDetected: longRun && week % 2 === 0,
          decayOnsetPercent: longRun && week % 2 === 0 ? 70 + week : null,
          decouplingPercent: longRun ? 4 + (week % 4) : null,
          paceDriftPercent: 1 + (week % 3),
        },
      });
    }
    if (week >= 12 && week <= 14) {
      pain.push({
        at: new Date(firstMonday + ((week * 7 + 6) * 24 + 12) * 3600_000).toISOString(),
        score: week - 10,
        where: 'lower-back',
        flags: [],
        activityId: `w${week}d6`,
        note: null,
      });
    }
  }
  return weeklyTrends(runs, pain, {
    weekOf,
    timeZone: 'Europe/Berlin',
    thresholdSpm: 170,
    shoes: [{ id: 'pegasus', name: 'Pegasus 40', distanceBeforeM: 200_000, warnAtM: 482_803 }],
  });
}
