import type { CueHistoryEntry } from './coach-input.ts';

/** A cue sent again within this many days counts as the same finding persisting. */
export const ESCALATION_WINDOW_DAYS = 14;
export const MAX_LEVEL = 3;
const MS_PER_DAY = 86_400_000;

function ageDays(at: string, nowMs: number): number | null {
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? (nowMs - ms) / MS_PER_DAY : null;
}

/** History entries for one cue, newest first, ignoring entries with unreadable or future times. */
function entriesFor(cueId: string, history: readonly CueHistoryEntry[], nowMs: number): CueHistoryEntry[] {
  return history
    .filter((h) => h.cueId === cueId && (ageDays(h.at, nowMs) ?? -1) >= 0)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/**
 * The level for a cue about to be sent: one above the last time it was sent, when that was within
 * the escalation window, else 1; never above 3.
 */
export function cueLevel(cueId: string, history: readonly CueHistoryEntry[], nowMs: number): number {
  const last = entriesFor(cueId, history, nowMs)[0];
  if (last === undefined) return 1;
  const age = ageDays(last.at, nowMs) ?? Infinity;
  if (age > ESCALATION_WINDOW_DAYS) return 1;
  const previous = Number.isInteger(last.level) && last.level >= 1 ? last.level : 1;
  return Math.min(MAX_LEVEL, previous + 1);
}

/**
 * Which of `count` phrasings to use: cycles through them by how often the cue was sent before, so
 * two consecutive sends never reuse the same wording (at a new level the phrasings differ anyway).
 */
export function phrasingIndex(
  cueId: string,
  count: number,
  history: readonly CueHistoryEntry[],
  nowMs: number,
): number {
  if (count <= 1) return 0;
  return entriesFor(cueId, history, nowMs).length % count;
}

/** Days since the cue was last sent, or null when it never was. */
export function daysSinceSent(
  cueId: string,
  history: readonly CueHistoryEntry[],
  nowMs: number,
): number | null {
  const last = entriesFor(cueId, history, nowMs)[0];
  return last === undefined ? null : ageDays(last.at, nowMs);
}
