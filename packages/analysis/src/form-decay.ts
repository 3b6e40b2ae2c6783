import type { AltitudeQuality } from './altitude-quality.ts';
import type { AnalysisChannelName } from './analysis-channels.ts';
import type { AnalysisOptions } from './analysis-options.ts';
import { findOnset } from './form-decay-onset.ts';
import { channelSpecs, type ChannelStats, type FormChannel } from './form-channels.ts';
import type { FormDecay, FormDeltas } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { samplesBetween, warmupTrimS } from './running-windows.ts';
import { scratchInt32 } from './scratch.ts';
import { robustSd, weightedMedian } from './weighted-stats.ts';

function timeIn(rs: RunningSamples, indices: Int32Array): number {
  const weightS = rs.weightS;
  let s = 0;
  for (let k = 0; k < indices.length; k++) s += weightS[indices[k] as number] as number;
  return s;
}

function covered(values: Float64Array, rs: RunningSamples, indices: Int32Array): number {
  const weightS = rs.weightS;
  let s = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (Number.isFinite(values[i])) s += weightS[i] as number;
  }
  return s;
}

/** The samples of `indices` whose speed is within `tolerance` of `target`, in scratch `slot`. */
function nearSpeed(
  indices: Int32Array,
  speed: Float64Array,
  target: number,
  tolerance: number,
  slot: string,
): Int32Array {
  const out = scratchInt32(slot, indices.length);
  let count = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (Math.abs((speed[i] as number) - target) <= tolerance) out[count++] = i;
  }
  return out.subarray(0, count);
}

const emptyDeltas: FormDeltas = {
  cadenceSpm: null,
  cadencePercent: null,
  stanceTimeMs: null,
  stanceTimePercent: null,
  verticalOscillationMm: null,
  verticalRatioPercent: null,
  stepLengthMm: null,
  stanceTimeBalancePercent: null,
};

/**
 * Whether the late window can be compared with the reference at all. Both are cut to the samples
 * whose speed (grade-adjusted where grade is trusted) lies within `speedMatchTolerance` of the late
 * window's median; each must keep `minMatchedShare` of its time, else the finish was run at another
 * pace. The matched samples' median grades must then agree within `maxGradeDifference`, else the
 * finish was a climb or a descent. Without altitude (on a run that is not flat) grade cannot be
 * checked, and the windows are not compared.
 */
function matchWindows(
  rs: RunningSamples,
  altitude: AltitudeQuality,
  ref: Int32Array,
  late: Int32Array,
  options: AnalysisOptions,
):
  | { ok: true; ref: Int32Array; late: Int32Array }
  | { ok: false; finish: FormDecay['finish']; reason: string; ref: Int32Array; late: Int32Array } {
  const speed = altitude.trusted ? rs.gasMps : rs.speedMps;
  const target = weightedMedian(speed, rs.weightS, late);
  const refSpeed = weightedMedian(speed, rs.weightS, ref);
  if (target === null || target <= 0 || refSpeed === null)
    return { ok: false, finish: null, reason: 'Speed is missing in the windows.', ref, late };
  const tolerance = options.speedMatchTolerance * target;
  const refM = nearSpeed(ref, speed, target, tolerance, 'form-ref-matched');
  const lateM = nearSpeed(late, speed, target, tolerance, 'form-late-matched');
  const share = options.minMatchedShare;
  if (!(timeIn(rs, refM) >= share * timeIn(rs, ref) && timeIn(rs, lateM) >= share * timeIn(rs, late))) {
    const change = (100 * (target - refSpeed)) / refSpeed;
    const slower = change < 0;
    return {
      ok: false,
      finish: slower ? 'slower' : 'faster',
      reason: `The last part of the run was ${Math.abs(change).toFixed(0)}% ${slower ? 'slower' : 'faster'} than the reference, too different to compare form at the same pace.`,
      ref,
      late,
    };
  }
  if (!altitude.flat && altitude.coverage < options.minAltitudeCoverage)
    return {
      ok: false,
      finish: null,
      reason: 'The file has too little altitude to rule out a climbing or descending finish.',
      ref: refM,
      late: lateM,
    };
  const gRef = weightedMedian(rs.grade, rs.weightS, refM) ?? 0;
  const gLate = weightedMedian(rs.grade, rs.weightS, lateM) ?? 0;
  if (Math.abs(gLate - gRef) > options.maxGradeDifference) {
    const climbing = gLate > gRef;
    const pct = (g: number): string => `${g >= 0 ? '+' : '−'}${Math.abs(g * 100).toFixed(1)}%`;
    return {
      ok: false,
      finish: climbing ? 'climbing' : 'descending',
      reason: `The last part of the run was ${climbing ? 'a climb' : 'a descent'} (grade ${pct(gLate)} against ${pct(gRef)} in the reference), so form cannot be compared on the same ground.`,
      ref: refM,
      late: lateM,
    };
  }
  return { ok: true, ref: refM, late: lateM };
}

/**
 * Late-run form decay: compares the last `formWindowShare` of running time with the same share
 * right after the warm-up, only where the two are comparable (see `matchWindows`): same pace,
 * same ground. Decay is flagged when cadence falls by `cadenceDropPercent`, stance time rises by
 * `stanceTimeRisePercent`, or two channels move the wrong way by more than their noise (robust SD
 * in the reference window). The onset is found by `findOnset` and left out when it sits at the
 * earliest point the method allows. Works with cadence alone.
 */
export function formDecay(
  rs: RunningSamples,
  altitude: AltitudeQuality,
  options: AnalysisOptions,
): FormDecay {
  const none: FormDecay = {
    detected: false,
    onset: null,
    deltas: emptyDeltas,
    reasons: [],
    referenceWindow: null,
    lateWindow: null,
    channels: [],
    speedMatched: false,
    comparable: false,
    finish: null,
    reason: null,
  };
  const total = rs.runningTimeS;
  if (total < options.minFormDecayRunningS)
    return {
      ...none,
      reason: `Only ${Math.round(total / 60)} min of running; form decay needs at least ${Math.round(options.minFormDecayRunningS / 60)} min.`,
    };
  const trim = warmupTrimS(total, options);
  const windowS = options.formWindowShare * total;
  const refAll = samplesBetween(rs, trim, trim + windowS);
  const lateAll = samplesBetween(rs, total - windowS, total);
  const match = matchWindows(rs, altitude, refAll, lateAll, options);
  const { ref, late } = match;
  const stats = new Map<FormChannel, ChannelStats>();
  const refS = timeIn(rs, ref);
  const lateS = timeIn(rs, late);
  for (const spec of channelSpecs) {
    const values = rs.channels[spec.name as AnalysisChannelName];
    if (covered(values, rs, ref) < 0.5 * refS || covered(values, rs, late) < 0.5 * lateS) continue;
    const refMedian = weightedMedian(values, rs.weightS, ref);
    const lateMedian = weightedMedian(values, rs.weightS, late);
    if (refMedian === null || lateMedian === null) continue;
    const noise = Math.max(robustSd(values, rs.weightS, ref, refMedian) ?? 0, spec.floor);
    const delta = lateMedian - refMedian;
    const worseBy =
      spec.name === 'stanceTimeBalance'
        ? Math.abs(lateMedian - 50) - Math.abs(refMedian - 50)
        : spec.worse * delta;
    stats.set(spec.name, {
      delta,
      refMedian,
      noise,
      worse:
        spec.worse !== 0 || spec.name === 'stanceTimeBalance' ? worseBy > options.noiseFactor * noise : false,
    });
  }
  const windowOf = (indices: Int32Array) => {
    const a = indices[0];
    const b = indices[indices.length - 1];
    const t = rs.timeline.runElapsedS;
    return a === undefined || b === undefined
      ? null
      : { startElapsedS: (t[a] ?? 0) - (rs.weightS[a] ?? 0), endElapsedS: t[b] ?? 0 };
  };
  const windows = {
    referenceWindow: windowOf(refAll),
    lateWindow: windowOf(lateAll),
    channels: [...stats.keys()],
    speedMatched: match.ok,
  };
  if (stats.size === 0)
    return { ...none, ...windows, reason: 'The file has no cadence or running dynamics to compare.' };
  const pct = (c: FormChannel): number | null => {
    const s = stats.get(c);
    return s && s.refMedian !== 0 ? (100 * s.delta) / s.refMedian : null;
  };
  const deltas: FormDeltas = {
    cadenceSpm: stats.get('cadence')?.delta ?? null,
    cadencePercent: pct('cadence'),
    stanceTimeMs: stats.get('stanceTime')?.delta ?? null,
    stanceTimePercent: pct('stanceTime'),
    verticalOscillationMm: stats.get('verticalOscillation')?.delta ?? null,
    verticalRatioPercent: stats.get('verticalRatio')?.delta ?? null,
    stepLengthMm: stats.get('stepLength')?.delta ?? null,
    stanceTimeBalancePercent: stats.get('stanceTimeBalance')?.delta ?? null,
  };
  if (!match.ok)
    return { ...none, ...windows, deltas, comparable: false, finish: match.finish, reason: match.reason };
  const reasons: FormChannel[] = [];
  if ((deltas.cadencePercent ?? 0) <= -options.cadenceDropPercent) reasons.push('cadence');
  if ((deltas.stanceTimePercent ?? 0) >= options.stanceTimeRisePercent) reasons.push('stanceTime');
  const wrongWay = [...stats].filter(([, s]) => s.worse).map(([name]) => name);
  if (wrongWay.length >= 2) for (const c of wrongWay) if (!reasons.includes(c)) reasons.push(c);
  const detected = reasons.length > 0;
  return {
    ...windows,
    detected,
    onset: detected ? findOnset(rs, trim, trim + windowS, reasons, stats) : null,
    deltas,
    reasons,
    comparable: true,
    finish: null,
    reason: null,
  };
}
