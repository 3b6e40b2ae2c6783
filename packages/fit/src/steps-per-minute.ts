import { CadenceUnitTally, isStrideCadenceSport } from './running-cadence.ts';

export interface CadenceSessions {
  /** The sessions: where each starts (elapsed s) and its FIT sport, in the activity's order. */
  readonly sessions: readonly { readonly startElapsedS: number; readonly sport: string | null }[];
  /** The sport of records before every session (the first session's, or the activity's). */
  readonly sportBefore: string | null;
}

/**
 * Per record, the key of the session its cadence is judged with: 1 + the index of the foot-sport
 * session it belongs to, 0 for any other sport. A record belongs to the last session (in file
 * order) that starts by its time, with half a second of slack. `from` and `until` bound the times
 * that have the key last returned, so that records of the same session need no look-up.
 */
class SessionKeys {
  from = NaN;
  until = NaN;
  private readonly starts: Float64Array;
  private readonly keys: Int32Array;
  private readonly before: number;
  /** Starts in ascending order: the sessions a record belongs to are a prefix of them. */
  private readonly ascending: boolean;

  constructor({ sessions, sportBefore }: CadenceSessions) {
    this.starts = Float64Array.from(sessions, (s) => s.startElapsedS - 0.5);
    this.keys = Int32Array.from(sessions, (s, k) => (isStrideCadenceSport(s.sport) ? k + 1 : 0));
    this.before = isStrideCadenceSport(sportBefore) ? 1 : 0;
    let ascending = true;
    for (let k = 1; k < this.starts.length; k++)
      if (!((this.starts[k] as number) >= (this.starts[k - 1] as number))) ascending = false;
    this.ascending = ascending;
  }

  /** The key of a record at elapsed time `t`. */
  keyAt(t: number): number {
    const { starts } = this;
    this.from = NaN;
    this.until = NaN;
    if (this.ascending) {
      if (t !== t) return this.before;
      let c = 0;
      while (c < starts.length && t >= (starts[c] as number)) c++;
      this.from = c === 0 ? -Infinity : (starts[c - 1] as number);
      this.until = c === starts.length ? Infinity : (starts[c] as number);
      return c === 0 ? this.before : (this.keys[c - 1] as number);
    }
    for (let k = starts.length - 1; k >= 0; k--)
      if (t >= (starts[k] as number)) return this.keys[k] as number;
    return this.before;
  }
}

/**
 * The records of each session key as runs of consecutive records: `[start, end, key]` triples
 * (records `start` to `end - 1`), in record order.
 */
function keyRuns(n: number, time: Float64Array, sessions: CadenceSessions): number[] {
  const keys = new SessionKeys(sessions);
  const runs: number[] = [];
  let i = 0;
  while (i < n) {
    const key = keys.keyAt(time[i] as number);
    const { from, until } = keys;
    let end = i + 1;
    while (end < n && (time[end] as number) >= from && (time[end] as number) < until) end++;
    if (runs.length > 0 && runs[runs.length - 1] === key) runs[runs.length - 2] = end;
    else runs.push(i, end, key);
    i = end;
  }
  return runs;
}

/**
 * Multiplies each record's cadence by the factor that turns it into steps/min (2 for strides of a
 * foot sport, 1 when a session already holds steps/min, 1 for other sports and dropped records).
 * The unit is judged session by session (a multisport file may hold legs from other sensors).
 */
export function cadenceToSteps(
  cadence: Float64Array,
  time: Float64Array,
  dropped: Uint8Array | null,
  sessions: CadenceSessions,
  warnings: string[],
): void {
  const n = cadence.length;
  const groups = Math.max(1, sessions.sessions.length) + 1;
  const runs = keyRuns(n, time, sessions);
  const tally = new CadenceUnitTally(groups);
  const counted = new Uint8Array(groups);
  for (let r = 0; r < runs.length; r += 3) {
    const key = runs[r + 2] as number;
    if (key === 0) continue;
    for (let i = runs[r] as number, end = runs[r + 1] as number; i < end; i++) {
      if (dropped !== null && dropped[i] === 1) continue;
      tally.add(key, cadence[i] as number);
      counted[key] = 1;
    }
  }
  if (counted.indexOf(1) < 0) return;
  const factorOf = new Float64Array(groups).fill(1);
  let already = false;
  for (let key = 1; key < groups; key++) {
    if (counted[key] === 0) continue;
    const f = tally.stepFactor(key);
    factorOf[key] = f;
    if (f === 1) already = true;
  }
  if (already)
    warnings.push(
      'Running cadence in this file is already in steps/min (above 130 per leg); it was not doubled.',
    );
  for (let r = 0; r < runs.length; r += 3) {
    const factor = factorOf[runs[r + 2] as number] as number;
    if (factor === 1) continue;
    for (let i = runs[r] as number, end = runs[r + 1] as number; i < end; i++)
      if (dropped === null || dropped[i] === 0) cadence[i] = (cadence[i] as number) * factor;
  }
}
