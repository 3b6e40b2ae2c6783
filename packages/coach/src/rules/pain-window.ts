import type { PainEntry } from '@runcue/analysis';

/** The latest score counts for the next run when logged this recently. */
export const PAIN_CURRENT_DAYS = 7;
/** At or above this score the runner stops and rests (the 3/10 rule). */
export const PAIN_STOP_SCORE = 3;
/** At or above this score the pain is severe: see a doctor or physiotherapist. */
export const PAIN_SEVERE_SCORE = 7;
/** Pain that has not eased in this long means seeing a professional. */
export const PAIN_PERSISTENT_DAYS = 14;
/** The first days of a flare-up: no stretching or strength circuits, only calming it down. */
export const FLARE_UP_HOURS = 72;

const MS_PER_DAY = 86_400_000;

export interface DatedPain {
  entry: PainEntry;
  ageDays: number;
}

/**
 * Pain entries at most `days` old at `nowMs` (all of them for `Infinity`), newest first. Entries
 * with unreadable times, times after now or scores outside 0-10 are left out (the log validates
 * them on the way in).
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

/** Age in days of an ISO instant at `nowMs`; null when unreadable. */
export function ageDaysOf(at: string | null | undefined, nowMs: number): number | null {
  if (at === null || at === undefined) return null;
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? (nowMs - ms) / MS_PER_DAY : null;
}
