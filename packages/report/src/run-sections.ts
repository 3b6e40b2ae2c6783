import type { Units } from '@runcue/analysis';
import type { RunAnalysis } from '@runcue/analysis';
import {
  NOT_AVAILABLE,
  formatAlong,
  formatDistance,
  formatDuration,
  formatElevation,
  formatPace,
  formatPaceChange,
  formatShare,
  formatSigned,
  formatSignedPercent,
  formatValue,
  isFiniteNumber,
} from './format-figures.ts';
import type { FactRow } from './report-document.ts';

/**
 * The facts of a run summary, worded once and shared by the email and the terminal summary.
 * Every figure passes through format-figures, so a missing one reads 'not available'.
 */

/** Distance, moving time, pace, heart rate, elevation and walk time. */
export function headlineFacts(analysis: RunAnalysis, units: Units): FactRow[] {
  const s = analysis.summary;
  const hr = isFiniteNumber(s.avgHeartRate)
    ? `${formatValue(s.avgHeartRate, 'bpm')} average${isFiniteNumber(s.maxHeartRate) ? `, ${formatValue(s.maxHeartRate, 'bpm')} max` : ''}`
    : NOT_AVAILABLE;
  const rows: FactRow[] = [
    { label: 'Distance', value: formatDistance(s.distanceM, units) },
    { label: 'Moving time', value: formatDuration(s.movingTimeS) },
    { label: 'Average pace', value: formatPace(s.paceSPerKm, units) },
    {
      label: 'Heart rate',
      value: hr,
      ...(hr === NOT_AVAILABLE ? { note: 'no heart-rate data in this file' } : {}),
    },
    { label: 'Elevation gain', value: formatElevation(s.elevationGainM, units) },
  ];
  if (s.walkTimeS >= 30)
    rows.push({
      label: 'Walk breaks',
      value: formatDuration(s.walkTimeS),
      note: 'left out of the cadence figures',
    });
  return rows;
}

/** Median cadence, share below the threshold and the longest stretch below it. */
export function cadenceFacts(analysis: RunAnalysis, units: Units): FactRow[] {
  const c = analysis.cadence;
  if (!isFiniteNumber(c.medianSpm)) {
    return [{ label: 'Cadence', value: NOT_AVAILABLE, note: 'this file has no cadence data' }];
  }
  const rows: FactRow[] = [
    {
      label: 'Median cadence',
      value: formatValue(c.medianSpm, 'spm'),
      note: `threshold ${c.thresholdSpm} spm`,
    },
    {
      label: `Time below ${c.thresholdSpm} spm`,
      value: formatShare(c.shareBelowThreshold),
      note: 'of running time',
    },
  ];
  if (c.bands) {
    const shares = [c.bands.below160, c.bands.from160to170, c.bands.from170to180, c.bands.above180];
    const short = ['<160', '160–170', '170–180', '>180'];
    rows.push({
      label: 'Cadence bands',
      value: short.map((l, i) => `${l}\u00a0${formatShare(shares[i] ?? null)}`).join(' · '),
      note: 'share of running time, spm',
    });
  }
  const longest = [...c.stretchesBelow].sort((a, b) => b.durationS - a.durationS)[0];
  if (longest) {
    const where = isFiniteNumber(longest.startDistanceM)
      ? ` at ${formatAlong(longest.startDistanceM, units)}`
      : '';
    rows.push({
      label: 'Stretches below',
      value: `${c.stretchesBelow.length} longer than a minute`,
      note: `longest ${formatDuration(longest.durationS)} from ${formatDuration(longest.startElapsedS)}${where}, median ${formatValue(longest.medianSpm, 'spm')}`,
    });
  }
  return rows;
}

/** Pace drift in words with its figures. */
export function paceDriftFact(analysis: RunAnalysis, units: Units): FactRow {
  return { label: 'Pace drift', value: paceDriftText(analysis, units) };
}

function paceDriftText(analysis: RunAnalysis, units: Units): string {
  const d = analysis.paceDrift;
  if (!isFiniteNumber(d.percent)) {
    // Analyses stored before eligibility existed have no reason: they were too short.
    const why = d.reason ?? 'the run was too short to compare its two halves';
    return `${NOT_AVAILABLE} (${asClause(why)}).`;
  }
  const basis = d.gradeAdjusted
    ? 'grade-adjusted pace'
    : d.gradeTrusted
      ? 'pace (on the flat)'
      : 'pace (no elevation data, so not grade-adjusted)';
  const figures = `${formatSignedPercent(d.percent)}, ${formatPaceChange(d.secondsPerKm, units)}`;
  if (Math.abs(d.percent) < 2)
    return `Your ${basis} held steady from the first half to the second (${figures}).`;
  if (d.percent > 0) return `Your ${basis} slowed in the second half (${figures}).`;
  return `Your ${basis} was faster in the second half (${figures}).`;
}

/** A sentence from another package as a clause in ours: 'The file has no HR.' → 'the file has no HR'. */
function asClause(sentence: string): string {
  const text = sentence.trim().replace(/[.\s]+$/, '');
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Aerobic decoupling in words with its figures, or why it was not measured. */
export function decouplingFact(analysis: RunAnalysis): FactRow {
  return { label: 'Heart-rate decoupling', value: decouplingText(analysis) };
}

function decouplingText(analysis: RunAnalysis): string {
  const d = analysis.decoupling;
  if (!d.eligible || !isFiniteNumber(d.percent)) {
    return `${NOT_AVAILABLE}${d.reason ? ` (${asClause(d.reason)})` : ''}.`;
  }
  const rating =
    d.rating === 'good' ? 'good, under 5%' : d.rating === 'moderate' ? 'moderate, 5–10%' : 'high, over 10%';
  const direction = d.percent >= 0 ? 'heart rate rose against pace' : 'heart rate fell against pace';
  return `${formatSignedPercent(d.percent)} from the first half to the second: ${direction} (${rating}).`;
}

/** Late-run form decay in words: what changed, from when and where. */
export function formDecayFact(analysis: RunAnalysis, units: Units): FactRow {
  return { label: 'Late-run form', value: formDecayText(analysis, units) };
}

function formDecayText(analysis: RunAnalysis, units: Units): string {
  const f = analysis.formDecay;
  const d = f.deltas;
  const changes = [
    isFiniteNumber(d.cadenceSpm)
      ? `cadence ${formatSigned(d.cadenceSpm, 'spm')} (${formatSignedPercent(d.cadencePercent)})`
      : null,
    isFiniteNumber(d.stanceTimeMs) ? `ground contact ${formatSigned(d.stanceTimeMs, 'ms', 0)}` : null,
    isFiniteNumber(d.verticalOscillationMm)
      ? `vertical oscillation ${formatSigned(d.verticalOscillationMm, 'mm')}`
      : null,
  ].filter((x): x is string => x !== null);
  const changeText = changes.length > 0 ? changes.join(', ') : 'no comparable channels';
  // Windows that could not be compared (a climbing or slower finish) say so instead of "held".
  if (!f.detected && f.comparable === false && f.reason) return `Not compared: ${asClause(f.reason)}.`;
  if (!f.detected) {
    if (changes.length === 0) return `${NOT_AVAILABLE} (no cadence or running dynamics to compare).`;
    return `Held: in the last 20% of the run against the early reference, ${changeText}.`;
  }
  const onset = f.onset
    ? ` from ${formatDuration(f.onset.elapsedS)}${isFiniteNumber(f.onset.distanceM) ? ` (${formatAlong(f.onset.distanceM, units)})` : ''}`
    : '';
  return `Faded${onset}: in the last 20% of the run against the early reference, ${changeText}.`;
}
