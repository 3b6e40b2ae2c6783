import type { WeekTrend } from '@runcue/analysis';
import type { Units } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { formatDistance, formatNumber } from '../format-units.ts';
import { SOURCES } from '../sources.ts';

/**
 * Load ramp: the week's distance rose more than 10% over the last, or the acute:chronic ratio is
 * above 1.3. Advice: hold or cut back, or take a short deload, which loses no fitness (003 the 10%
 * rule; 004 sudden jumps load the lumbar spine and a deload costs nothing). Uses the flags that
 * `weeklyTrends` set, so per-athlete thresholds apply.
 */
export function loadRamp(
  week: WeekTrend | undefined,
  previousDistanceM: number | null,
  units: Units,
): Finding | null {
  if (week === undefined || (!week.rampFlag && !week.acuteChronicFlag)) return null;
  const facts: string[] = [];
  if (week.rampFlag && week.rampPercent !== null) {
    facts.push(
      `distance rose ${Math.round(week.rampPercent)}% on the week before (${formatDistance(week.distanceM, units)})`,
    );
  }
  if (week.acuteChronicFlag && week.acuteChronicRatio !== null) {
    facts.push(
      `the last 7 days are ${formatNumber(week.acuteChronicRatio, 2)} times your 4-week average (above 1.3)`,
    );
  }
  const cap =
    previousDistanceM !== null && previousDistanceM > 0
      ? formatDistance(previousDistanceM * 1.1, units)
      : null;
  const capText = cap === null ? 'no more than 10% above last week' : `no more than ${cap}`;
  return {
    id: 'load-ramp',
    severity: 'warning',
    priority: 70,
    training: true,
    reason: `In week ${week.isoWeek} ${facts.join(', and ')}.`,
    metrics: {
      isoWeek: week.isoWeek,
      weekDistanceM: week.distanceM,
      rampPercent: week.rampPercent === null ? null : Math.round(week.rampPercent),
      acuteChronicRatio: week.acuteChronicRatio === null ? null : Number(week.acuteChronicRatio.toFixed(2)),
    },
    source: [SOURCES.rehab, SOURCES.causes],
    messages: [
      [
        `Mileage jumped. Keep next week to ${capText} and make the extra runs easy ones.`,
        `That was a big step up. Hold next week at ${capText} rather than adding more.`,
      ],
      [
        `Load is still climbing fast. Take two or three easier days and keep the week to ${capText}; a back handles steady growth better than spikes.`,
        `Cut back for a few days: shorter, flat, easy runs, and no back-to-back hard sessions, then build by at most 10% a week.`,
      ],
      [
        `Several weeks of sharp increases: plan a deload week at about two-thirds of your usual distance. You will not lose fitness, and the next block will go better.`,
        `Time for a lighter week: drop the distance by about a third and skip hills and speed work until the ratio is back under 1.3.`,
      ],
    ],
    recovery: ['strength-twice-weekly'],
  };
}
