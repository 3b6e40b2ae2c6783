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
  const bins: Array<{ sum: number; weight: number; first: number }> = [];
  const used = reasons
    .map((name) => ({
      name,
      s: stats.get(name),
      spec: channelSpecs.find((c) => c.name === name),
      values: rs.channels[name as AnalysisChannelName],
    }))
    .filter((u) => u.s !== undefined && u.spec !== undefined);
  const { running, runningClockS, weightS } = rs;
  for (let k = 0; k < running.length; k++) {
    const clock = runningClockS[k] ?? 0;
    const i = running[k] ?? 0;
    if (clock <= trimS) continue;
    let score = 0;
    let count = 0;
    for (const { s, spec, values } of used) {
      const v = values[i] ?? NaN;
      if (!s || !spec || !Number.isFinite(v)) continue;
      const deviation =
        spec.worse === 0 ? Math.abs(v - 50) - Math.abs(s.refMedian - 50) : spec.worse * (v - s.refMedian);
      score += deviation / s.noise;
      count++;
    }
    if (count === 0) continue;
    const b = Math.floor((clock - trimS) / ONSET_BIN_S);
    while (bins.length <= b) bins.push({ sum: 0, weight: 0, first: -1 });
    const bin = bins[b];
    if (!bin) continue;
    const w = weightS[i] ?? 0;
    bin.sum += (score / count) * w;
    bin.weight += w;
    if (bin.first < 0) bin.first = i;
  }
  const refEndBin = Math.floor((referenceEndS - trimS) / ONSET_BIN_S);
  const filled = bins.map((b, index) => ({ ...b, index })).filter((b) => b.weight > 0);
  const minStart = Math.max(
    1,
    filled.findIndex((b) => b.index >= refEndBin),
  );
  if (filled.findIndex((b) => b.index >= refEndBin) < 0) return null;
  const fit = rampChangePoint(
    filled.map((b) => b.sum / b.weight),
    { minStart },
  );
  if (fit === null || fit.start <= minStart) return null;
  const at = filled[fit.start]?.first;
  if (at === undefined || at < 0) return null;
  const d = rs.timeline.runDistanceM[at] ?? NaN;
  return { elapsedS: rs.timeline.runElapsedS[at] ?? 0, distanceM: Number.isFinite(d) ? d : null };
}
