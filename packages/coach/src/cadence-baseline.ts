import type { WeekTrend } from '@runcue/analysis';

/** Weeks before the current one whose cadence makes up the runner's current cadence. */
export const CADENCE_BASELINE_WEEKS = 4;

/**
 * The runner's current cadence, the one cadence targets are built on: the median of the weekly
 * medians of the four weeks before the current week, or the current week's when there is no
 * earlier week with cadence. It stays the same all week, so two runs on one day never get two
 * different targets. `weeks` is oldest first, the current week last. Null without cadence.
 */
export function cadenceBaseline(weeks: readonly WeekTrend[]): number | null {
  const current = weeks[weeks.length - 1];
  const before = weeks
    .slice(Math.max(0, weeks.length - 1 - CADENCE_BASELINE_WEEKS), weeks.length - 1)
    .map((w) => w.cadenceMedianSpm)
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (before.length === 0) return current?.cadenceMedianSpm ?? null;
  const mid = Math.floor(before.length / 2);
  return before.length % 2 === 1 ? (before[mid] ?? null) : ((before[mid - 1] ?? 0) + (before[mid] ?? 0)) / 2;
}
