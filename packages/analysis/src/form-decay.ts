import type { Activity, ChannelName } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import { rampChangePoint } from './change-point.ts';
import type { FormDecay, FormDeltas } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { samplesBetween, warmupTrimS } from './running-windows.ts';
import { robustSd, weightedMedian } from './weighted-stats.ts';

type FormChannel = FormDecay['channels'][number];

/** Direction in which each channel gets worse with fatigue (+1 up, −1 down, 0 = away from 50%), and its noise floor. */
const channelSpecs: ReadonlyArray<{ name: FormChannel; worse: 1 | -1 | 0; floor: number }> = [
  { name: 'cadence', worse: -1, floor: 1 },
  { name: 'stanceTime', worse: 1, floor: 2 },
  { name: 'verticalOscillation', worse: 1, floor: 2 },
  { name: 'verticalRatio', worse: 1, floor: 0.2 },
  // Step length is reported but never counted: at matched speed it is the mirror of cadence.
  { name: 'stepLength', worse: 0, floor: 5 },
  { name: 'stanceTimeBalance', worse: 0, floor: 0.2 },
];

const ONSET_BIN_S = 15;

function timeIn(rs: RunningSamples, indices: readonly number[]): number {
  return indices.reduce((s, i) => s + (rs.weightS[i] ?? 0), 0);
}

function covered(values: Float64Array, rs: RunningSamples, indices: readonly number[]): number {
  return timeIn(
    rs,
    indices.filter((i) => Number.isFinite(values[i] ?? NaN)),
  );
}

/** Keeps the samples of both windows whose grade-adjusted speed is near the late window's, when enough remain. */
function matchOnSpeed(
  rs: RunningSamples,
  gas: Float64Array,
  ref: number[],
  late: number[],
  tolerance: number,
) {
  const target = weightedMedian(gas, rs.weightS, late);
  if (target === null || target <= 0) return { ref, late, matched: false };
  const near = (i: number): boolean => Math.abs((gas[i] ?? NaN) - target) <= tolerance * target;
  const refM = ref.filter(near);
  const lateM = late.filter(near);
  const enough = timeIn(rs, refM) >= 0.3 * timeIn(rs, ref) && timeIn(rs, lateM) >= 0.3 * timeIn(rs, late);
  return enough ? { ref: refM, late: lateM, matched: true } : { ref, late, matched: false };
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
 * Late-run form decay: compares the last `formWindowShare` of running time with the same share
 * right after the warm-up, matched on grade-adjusted speed where enough samples allow. Decay is
 * flagged when cadence falls by `cadenceDropPercent`, stance time rises by `stanceTimeRisePercent`,
 * or two channels move the wrong way by more than their noise (robust SD in the reference
 * window). The onset is the start of the best plateau–ramp–plateau fit to the combined,
 * wrong-way-positive score of the channels that decayed. Works with cadence alone.
 */
export function formDecay(
  activity: Activity,
  rs: RunningSamples,
  gas: Float64Array,
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
  };
  const total = rs.runningTimeS;
  if (total < options.minFormDecayRunningS) return none;
  const trim = warmupTrimS(total, options);
  const windowS = options.formWindowShare * total;
  const refAll = samplesBetween(rs, trim, trim + windowS);
  const lateAll = samplesBetween(rs, total - windowS, total);
  const { ref, late, matched } = matchOnSpeed(rs, gas, refAll, lateAll, options.speedMatchTolerance);
  const stats = new Map<FormChannel, { delta: number; refMedian: number; noise: number; worse: boolean }>();
  for (const spec of channelSpecs) {
    const values = activity.samples[spec.name as ChannelName];
    if (
      covered(values, rs, ref) < 0.5 * timeIn(rs, ref) ||
      covered(values, rs, late) < 0.5 * timeIn(rs, late)
    )
      continue;
    const refMedian = weightedMedian(values, rs.weightS, ref);
    const lateMedian = weightedMedian(values, rs.weightS, late);
    if (refMedian === null || lateMedian === null) continue;
    const noise = Math.max(robustSd(values, rs.weightS, ref) ?? 0, spec.floor);
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
  if (stats.size === 0) return none;
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
  const reasons: FormChannel[] = [];
  if ((deltas.cadencePercent ?? 0) <= -options.cadenceDropPercent) reasons.push('cadence');
  if ((deltas.stanceTimePercent ?? 0) >= options.stanceTimeRisePercent) reasons.push('stanceTime');
  const wrongWay = [...stats].filter(([, s]) => s.worse).map(([name]) => name);
  if (wrongWay.length >= 2) for (const c of wrongWay) if (!reasons.includes(c)) reasons.push(c);
  const detected = reasons.length > 0;
  const windowOf = (indices: number[]) => {
    const a = indices[0];
    const b = indices[indices.length - 1];
    const t = activity.samples.time;
    return a === undefined || b === undefined
      ? null
      : { startElapsedS: (t[a] ?? 0) - (rs.weightS[a] ?? 0), endElapsedS: t[b] ?? 0 };
  };
  return {
    detected,
    onset: detected ? findOnset(activity, rs, trim, trim + windowS, reasons, stats) : null,
    deltas,
    reasons,
    referenceWindow: windowOf(refAll),
    lateWindow: windowOf(lateAll),
    channels: [...stats.keys()],
    speedMatched: matched,
  };
}

/**
 * Bins the wrong-way score of the decayed channels into running-time bins and fits the ramp change
 * point. The ramp may not start inside the reference window: that stretch defines good form, and
 * a slow creep over the whole run would otherwise pull the onset back into it.
 */
function findOnset(
  activity: Activity,
  rs: RunningSamples,
  trimS: number,
  referenceEndS: number,
  reasons: readonly FormChannel[],
  stats: ReadonlyMap<FormChannel, { refMedian: number; noise: number }>,
): { elapsedS: number; distanceM: number | null } | null {
  const bins: Array<{ sum: number; weight: number; first: number }> = [];
  for (let k = 0; k < rs.running.length; k++) {
    const clock = rs.runningClockS[k] ?? 0;
    const i = rs.running[k] ?? 0;
    if (clock <= trimS) continue;
    let score = 0;
    let used = 0;
    for (const name of reasons) {
      const s = stats.get(name);
      const spec = channelSpecs.find((c) => c.name === name);
      const v = activity.samples[name as ChannelName][i] ?? NaN;
      if (!s || !spec || !Number.isFinite(v)) continue;
      const deviation =
        spec.worse === 0 ? Math.abs(v - 50) - Math.abs(s.refMedian - 50) : spec.worse * (v - s.refMedian);
      score += deviation / s.noise;
      used++;
    }
    if (used === 0) continue;
    const b = Math.floor((clock - trimS) / ONSET_BIN_S);
    while (bins.length <= b) bins.push({ sum: 0, weight: 0, first: -1 });
    const bin = bins[b];
    if (!bin) continue;
    const w = rs.weightS[i] ?? 0;
    bin.sum += (score / used) * w;
    bin.weight += w;
    if (bin.first < 0) bin.first = i;
  }
  const refEndBin = Math.floor((referenceEndS - trimS) / ONSET_BIN_S);
  const filled = bins.map((b, index) => ({ ...b, index })).filter((b) => b.weight > 0);
  const minStart = filled.findIndex((b) => b.index >= refEndBin);
  const fit =
    minStart < 0
      ? null
      : rampChangePoint(
          filled.map((b) => b.sum / b.weight),
          { minStart },
        );
  const at = fit ? filled[fit.start]?.first : undefined;
  if (at === undefined || at < 0) return null;
  const d = activity.samples.distance[at] ?? NaN;
  return { elapsedS: activity.samples.time[at] ?? 0, distanceM: Number.isFinite(d) ? d : null };
}
