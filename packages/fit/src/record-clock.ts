/**
 * A watch's clock can jump in the middle of a recording (a GPS time fix, a firmware fault, the
 * garbage at the cut of a truncated file): one record, or every record from some point on, then
 * carries a timestamp days ahead or behind. Elapsed time is read through this clock so that such a
 * jump costs nothing: a lone bad record is left out (or, when it is only behind, kept at the time
 * before it), and a jump the following records keep is re-based, so the records after it continue
 * the run where it was, distance still counting.
 */

/** Consecutive records further apart than this (either way) are a clock fault, not a pause (s). */
const MAX_RECORD_GAP_S = 12 * 3600;
/** A record continues the one before it when it follows within this much time (s). */
const CONTINUES_S = 60;

interface ClockJump {
  /** Elapsed time (s, on the repaired clock) where the jump happened. */
  readonly atS: number;
  /** Size of the jump the file made (s; negative when the clock went back). */
  readonly byS: number;
  /** How many records after it were re-based. */
  readonly records: number;
}

export interface RecordClock {
  /** Elapsed seconds per record on the repaired clock (NaN where the record has no timestamp). */
  readonly time: Float64Array;
  /** 1 where a record's timestamp was garbage and its values are not trusted; null when none was. */
  readonly dropped: Uint8Array | null;
  /** Records whose timestamp went a little back and were kept at the time before them. */
  readonly clamped: number;
  /** Records that repeat the timestamp before them. */
  readonly duplicates: number;
  readonly jumps: readonly ClockJump[];
  /** Elapsed seconds of any message timestamp (ms) on the repaired clock. */
  readonly elapsedOf: (timestampMs: number) => number;
}

interface Span {
  readonly fromRawS: number;
  toRawS: number;
  readonly shiftS: number;
}

/**
 * Repairs the clock of the record timestamps (Unix ms, NaN where absent) against elapsed 0 at
 * `startMs`. With `inPlace`, a column of `n` timestamps becomes the elapsed times (each record is
 * read before it is written, and the look-ahead only reads records after it).
 */
export function recordClock(
  timestamps: Float64Array,
  n: number,
  startMs: number,
  inPlace = false,
): RecordClock {
  const time = inPlace && timestamps.length === n ? timestamps : new Float64Array(n);
  let dropped: Uint8Array | null = null;
  const m = Math.min(n, timestamps.length);
  // The next record with a timestamp after the current one, looked up only at a clock fault
  // (rare) and remembered, so a file of many faults still costs one pass.
  let nextFrom = -1;
  const jumps: { atS: number; byS: number; records: number }[] = [];
  const spans: Span[] = [];
  let shift = 0;
  let prevT = NaN;
  let step = 1;
  let clamped = 0;
  let duplicates = 0;
  // The span and jump the records belong to now (the last of each list).
  let span: Span | undefined;
  let jump: { atS: number; byS: number; records: number } | undefined;
  for (let i = 0; i < n; i++) {
    const r = i < m ? ((timestamps[i] as number) - startMs) / 1000 : NaN;
    if (r !== r) {
      time[i] = prevT;
      continue;
    }
    let t = r - shift;
    if (prevT === prevT) {
      const gap = t - prevT;
      if (gap > 0 && gap <= CONTINUES_S) {
        // The common case: the next record within a minute.
        step = gap;
        if (span !== undefined && r > span.toRawS) span.toRawS = r;
        if (jump !== undefined) jump.records++;
        time[i] = t;
        prevT = t;
        continue;
      }
      if (gap < 0 || gap > MAX_RECORD_GAP_S) {
        if (nextFrom <= i) nextFrom = nextTimed(timestamps, i + 1, m);
        const next = (nextFrom < m ? ((timestamps[nextFrom] as number) - startMs) / 1000 : NaN) - shift;
        // The record after this one still runs on the old clock: this one alone is wrong.
        const lone = Number.isNaN(next) || (next - prevT >= 0 && next - prevT <= MAX_RECORD_GAP_S);
        const continues = !Number.isNaN(next) && next - t >= 0 && next - t <= CONTINUES_S;
        if (lone || !continues) {
          time[i] = prevT;
          if (gap > 0) (dropped ??= new Uint8Array(n))[i] = 1;
          else clamped++;
          continue;
        }
        // Every record from here on keeps the jump: put them back on the run's clock.
        const last = spans[spans.length - 1];
        if (last) last.toRawS = prevT + shift;
        shift += gap - step;
        t = r - shift;
        jump = { atS: prevT, byS: gap - step, records: 0 };
        jumps.push(jump);
        span = { fromRawS: r, toRawS: r, shiftS: shift };
        spans.push(span);
      } else if (gap === 0) duplicates++;
      else if (gap <= CONTINUES_S) step = gap;
    }
    if (span === undefined) {
      span = { fromRawS: r, toRawS: r, shiftS: shift };
      spans.push(span);
    }
    if (r > span.toRawS) span.toRawS = r;
    if (jump !== undefined) jump.records++;
    time[i] = t;
    prevT = t;
  }
  return { time, dropped, clamped, duplicates, jumps, elapsedOf: elapsedOnSpans(spans, startMs) };
}

/** The first record from `from` on (before `m`) with a timestamp, or `m`. */
function nextTimed(timestamps: Float64Array, from: number, m: number): number {
  let k = from;
  while (k < m && Number.isNaN(timestamps[k])) k++;
  return k;
}

/** Elapsed seconds of a message timestamp (ms) on the clock the records' spans were re-based to. */
function elapsedOnSpans(spans: readonly Span[], startMs: number): (timestampMs: number) => number {
  return (ms) => {
    const r = (ms - startMs) / 1000;
    if (spans.length <= 1) return r - (spans[0]?.shiftS ?? 0);
    // The latest stretch of records whose raw clock covers the message decides its shift; else the nearest.
    let best: Span | undefined;
    let bestDistance = Infinity;
    for (let k = spans.length - 1; k >= 0; k--) {
      const s = spans[k];
      if (!s) continue;
      const d = r < s.fromRawS - CONTINUES_S ? s.fromRawS - r : r > s.toRawS + CONTINUES_S ? r - s.toRawS : 0;
      if (d < bestDistance) [best, bestDistance] = [s, d];
      if (d === 0) break;
    }
    return r - (best?.shiftS ?? 0);
  };
}

function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s >= 2 * 86400) return `${Math.round(s / 86400)} days`;
  if (Math.round(s / 60) >= 60) return `${Number((s / 3600).toFixed(1))} h`;
  if (s >= 120) return `${Math.round(s / 60)} min`;
  return `${Math.round(s)} s`;
}

/**
 * The clock's repairs in words for the runner (shown in reports), and notes on harmless quirks
 * (repeated timestamps, a record a little out of order) for the warnings only.
 */
export function clockNotes(clock: RecordClock): { repairs: string[]; warnings: string[] } {
  const repairs: string[] = [];
  for (const j of clock.jumps) {
    repairs.push(
      `The watch's clock jumped ${span(j.byS)} ${j.byS > 0 ? 'ahead' : 'back'} ${span(j.atS)} into the recording; the ${j.records} records after it were put back on the run's clock, so time and distance keep counting.`,
    );
  }
  let dropped = 0;
  const marks = clock.dropped ?? new Uint8Array(0);
  for (let i = 0; i < marks.length; i++) dropped += marks[i] as number;
  if (dropped > 0)
    repairs.push(
      `${dropped} record${dropped === 1 ? '' : 's'} carried a timestamp far from the rest of the run; ${dropped === 1 ? 'its values were' : 'their values were'} left out.`,
    );
  const warnings: string[] = [];
  if (clock.clamped > 0)
    warnings.push(
      `${clock.clamped} record(s) had a timestamp earlier than the record before; their time was clamped to the previous time.`,
    );
  if (clock.duplicates > 0)
    warnings.push(`${clock.duplicates} record(s) repeat the timestamp of the record before; they were kept.`);
  return { repairs, warnings };
}
