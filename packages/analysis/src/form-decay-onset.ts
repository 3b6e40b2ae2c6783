import type { AnalysisChannelName } from './analysis-channels.ts';
import { rampChangePoint } from './change-point.ts';
import { channelSpecs, type ChannelStats, type FormChannel } from './form-channels.ts';
import type { RunningSamples } from './running-samples.ts';

const ONSET_BIN_S = 15;

/**
 * Where form started to fade: the wrong-way score of the decayed channels (each sample's
 * deviation from the reference median in units of the reference noise) is binned over running
 * time and fitted with a plateau–ramp–plateau change point. The ramp may not start inside the
 * reference window: that stretch defines good form, and a slow creep over the whole run would
 * otherwise pull the onset back into it. A fit whose ramp starts at that earliest allowed bin is
 * the method's boundary, not a finding, so no onset is reported then. Time and distance are the
 * run's own clocks (a triathlon's run leg starts at 0 s and 0 km).
 */
export function findOnset(
  rs: RunningSamples,
  trimS: number,
  referenceEndS: number,
  reasons: readonly FormChannel[],
  stats: ReadonlyMap<FormChannel, ChannelStats>,
): { elapsedS: number; distanceM: number | null } | null {
  // The decayed channels with their statistics, as parallel columns (the loop below reads them
  // for every running sample).
  const values: Float64Array[] = [];
  const refMedians: number[] = [];
  const noises: number[] = [];
  const awayFrom50: boolean[] = [];
  const signs: number[] = [];
  for (const name of reasons) {
    const s = stats.get(name);
    const spec = channelSpecs.find((c) => c.name === name);
    if (s === undefined || spec === undefined) continue;
    values.push(rs.channels[name as AnalysisChannelName]);
    refMedians.push(s.refMedian);
    noises.push(s.noise);
    awayFrom50.push(spec.worse === 0);
    signs.push(spec.worse);
  }
  const used = values.length;
  // Per bin: the weighted sum of scores, the weight, and the first sample.
  const sums: number[] = [];
  const weights: number[] = [];
  const firsts: number[] = [];
  const { running, runningClockS, weightS } = rs;
  for (let k = 0; k < running.length; k++) {
    const clock = runningClockS[k] as number;
    const i = running[k] as number;
    if (clock <= trimS) continue;
    let score = 0;
    let count = 0;
    for (let c = 0; c < used; c++) {
      const v = (values[c] as Float64Array)[i] as number;
      if (!Number.isFinite(v)) continue;
      const ref = refMedians[c] as number;
      const deviation = awayFrom50[c]
        ? Math.abs(v - 50) - Math.abs(ref - 50)
        : (signs[c] as number) * (v - ref);
      score += deviation / (noises[c] as number);
      count++;
    }
    if (count === 0) continue;
    const b = Math.floor((clock - trimS) / ONSET_BIN_S);
    if (!(b >= 0)) continue;
    while (sums.length <= b) {
      sums.push(0);
      weights.push(0);
      firsts.push(-1);
    }
    const w = weightS[i] as number;
    sums[b] = (sums[b] as number) + (score / count) * w;
    weights[b] = (weights[b] as number) + w;
    if ((firsts[b] as number) < 0) firsts[b] = i;
  }
  const refEndBin = Math.floor((referenceEndS - trimS) / ONSET_BIN_S);
  // The bins with weight: their mean scores and first samples, and where the reference ends.
  const means: number[] = [];
  const filledFirsts: number[] = [];
  let afterReference = -1;
  for (let b = 0; b < sums.length; b++) {
    const w = weights[b] as number;
    if (!(w > 0)) continue;
    if (afterReference < 0 && b >= refEndBin) afterReference = means.length;
    means.push((sums[b] as number) / w);
    filledFirsts.push(firsts[b] as number);
  }
  if (afterReference < 0) return null;
  const minStart = Math.max(1, afterReference);
  const fit = rampChangePoint(means, { minStart });
  if (fit === null || fit.start <= minStart) return null;
  const at = filledFirsts[fit.start];
  if (at === undefined || at < 0) return null;
  const d = rs.timeline.runDistanceM[at] ?? NaN;
  return { elapsedS: rs.timeline.runElapsedS[at] ?? 0, distanceM: Number.isFinite(d) ? d : null };
}
