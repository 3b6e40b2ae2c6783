import type { Units } from '@runcue/analysis';
import type { RunAnalysis } from '@runcue/analysis';
import type { Activity } from '@runcue/fit';
import { cadenceSeries } from './cadence-series.ts';
import { formatAlong, formatDuration, formatShare, formatValue, isFiniteNumber } from './format-figures.ts';
import {
  CHART_SIZE,
  PALETTE,
  chartTitle,
  renderChartPng,
  thresholdMarkLine,
  type RenderOptions,
} from './render-chart.ts';
import type { ReportImage } from './report-document.ts';

/** Band labels in the order of `CadenceBands` (steps/min). */
export const BAND_LABELS = ['under 160', '160–170', '170–180', 'over 180'] as const;

const minutes = (s: number): number => Math.round((s / 60) * 100) / 100;

/**
 * The cadence-over-the-run chart: 30-s median cadence against elapsed minutes, the athlete's
 * threshold as a dashed line, stretches below it shaded and the form-decay onset marked. Returns
 * null when the run has no cadence to draw.
 */
export function cadenceChart(
  activity: Activity,
  analysis: RunAnalysis,
  units: Units,
  options: RenderOptions = {},
): ReportImage | null {
  const points = cadenceSeries(activity);
  const values = points.map((p) => p.spm).filter(isFiniteNumber);
  if (values.length < 2) return null;
  const threshold = analysis.cadence.thresholdSpm;
  const lo = Math.floor((Math.min(...values, threshold) - 4) / 5) * 5;
  const hi = Math.ceil((Math.max(...values, threshold) + 4) / 5) * 5;
  const onset = analysis.formDecay.detected ? analysis.formDecay.onset : null;
  const onsetText = onset ? `form decay from ${formatDuration(onset.elapsedS)}` : '';
  const markLines: object[] = [thresholdMarkLine(threshold, 'insideEndTop', 1.5)];
  if (onset) {
    // Keep the label inside the picture when the onset is near either end of the run.
    const at = onset.elapsedS / Math.max(1, points[points.length - 1]?.elapsedS ?? 1);
    const onsetAlign = at > 0.75 ? 'right' : at < 0.25 ? 'left' : 'center';
    markLines.push({
      xAxis: minutes(onset.elapsedS),
      lineStyle: { color: PALETTE.warning, type: 'solid', width: 2 },
      label: {
        formatter: onsetText,
        position: 'end',
        distance: 4,
        color: PALETTE.warning,
        fontWeight: 'bold',
        align: onsetAlign,
      },
    });
  }
  const option = {
    title: chartTitle('Cadence, steps/min (30 s median)'),
    grid: { left: 56, right: 28, top: 48, bottom: 34 },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(minutes(points[points.length - 1]?.elapsedS ?? 60) / 5) * 5,
      name: 'min',
      nameLocation: 'end',
      nameGap: 4,
      nameTextStyle: { color: PALETTE.muted, verticalAlign: 'top', padding: [8, 0, 0, 0] },
      axisLabel: { color: PALETTE.muted },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: lo,
      max: hi,
      axisLabel: { color: PALETTE.muted },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => [minutes(p.elapsedS), p.spm ?? '-']),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: PALETTE.primary, width: 2 },
        itemStyle: { color: PALETTE.primary },
        markLine: { silent: true, symbol: 'none', data: markLines },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(234,138,29,0.15)' },
          data: analysis.cadence.stretchesBelow.map((s) => [
            { xAxis: minutes(s.startElapsedS) },
            { xAxis: minutes(s.endElapsedS) },
          ]),
        },
      },
    ],
  };
  const stretches = analysis.cadence.stretchesBelow.length;
  const alt =
    `Cadence over the run in 30-second medians: ${formatValue(analysis.cadence.medianSpm, 'spm')} median against a ${threshold} spm threshold, ` +
    `${formatShare(analysis.cadence.shareBelowThreshold)} of running time below it` +
    (stretches > 0
      ? `, ${stretches} stretch${stretches === 1 ? '' : 'es'} of more than a minute below it shaded`
      : '') +
    (onset
      ? `; ${onsetText}${isFiniteNumber(onset.distanceM) ? ` (${formatAlong(onset.distanceM, units)})` : ''} marked.`
      : '.');
  return {
    cid: 'cadence-chart@runcue',
    filename: 'cadence.png',
    png: renderChartPng(option, CHART_SIZE, options),
    alt,
  };
}

/**
 * The time-in-cadence-bands chart: one horizontal bar per band with its share of running time and
 * minutes. Returns null when the run has no cadence bands.
 */
export function bandsChart(analysis: RunAnalysis, options: RenderOptions = {}): ReportImage | null {
  const bands = analysis.cadence.bands;
  if (!bands) return null;
  const shares = [bands.below160, bands.from160to170, bands.from170to180, bands.above180];
  const runS = analysis.summary.runningTimeS;
  const labels = shares.map((s) => `${formatShare(s)} · ${formatDuration(s * runS)}`);
  const option = {
    title: chartTitle('Time in cadence bands (steps/min)'),
    grid: { left: 100, right: 110, top: 34, bottom: 12 },
    xAxis: { type: 'value', min: 0, max: 100, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...BAND_LABELS],
      axisTick: { show: false },
      axisLabel: { color: PALETTE.ink, fontSize: 13 },
    },
    series: [
      {
        type: 'bar',
        barWidth: 22,
        data: shares.map((s, i) => ({
          value: Math.round(s * 1000) / 10,
          itemStyle: { color: PALETTE.bands[i] },
        })),
        label: {
          show: true,
          position: 'right',
          color: PALETTE.ink,
          fontSize: 13,
          formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '',
        },
      },
    ],
  };
  const alt = `Time in cadence bands: ${BAND_LABELS.map((l, i) => `${l} spm ${labels[i] ?? ''}`).join('; ')}.`;
  return {
    cid: 'cadence-bands@runcue',
    filename: 'cadence-bands.png',
    png: renderChartPng(option, { width: 600, height: 200 }, options),
    alt,
  };
}
