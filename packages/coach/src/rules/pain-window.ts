import type { PainEntry } from '@runcue/analysis';

/** Red flags this recent keep training cues withheld. */
export const RED_FLAG_WINDOW_DAYS = 14;
/** The latest score counts for the next run when logged this recently. */
export const PAIN_CURRENT_DAYS = 7;
/** At or above this score the runner stops and rests (the 3/10 rule). */
export const PAIN_STOP_SCORE = 3;
/** Pain at the stop level for this long without easing means seeing a professional. */
export const PAIN_PERSISTENT_DAYS = 14;

const MS_PER_DAY = 86_400_000;

export interface DatedPain {
  entry: PainEntry;
  ageDays: number;
}

/**
 * Pain entries at most `days` old at `nowMs`, newest first. Entries with unreadable times, times
 * after now or scores outside 0-10 are left out (the log validates them on the way in).
 */
export function painWithin(entries: readonly PainEntry[], nowMs: number, days: number): DatedPain[] {
  const out: DatedPain[] = [];
  for (const entry of entries) {
    const ms = Date.parse(entry.at);
    if (!Number.isFinite(ms) || !(entry.score >= 0 && entry.score <= 10)) continue;
    const ageDays = (nowMs - ms) / MS_PER_DAY;
    if (ageDays >= 0 && ageDays <= days) out.push({ entry, ageDays });
  }
  return out.sort((a, b) => a.ageDays - b.ageDays);
}
