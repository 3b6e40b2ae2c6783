import { METRES_PER_MILE, type Units } from '@runcue/analysis';
import type { WeeklyTrends } from '@runcue/analysis';
import {
  formatDistance,
  formatShare,
  formatSignedPercent,
  formatValue,
  isFiniteNumber,
} from './format-figures.ts';
import {
  CHART_SIZE,
  PALETTE,
  chartTitle,
  renderChartPng,
  thresholdMarkLine,
  type RenderOptions,
} from './render-chart.ts';
import type { ReportImage } from './report-document.ts';

/** 'W47' from '2026-W47'. */
export function shortWeek(isoWeek: string): string {
  return isoWeek.slice(isoWeek.indexOf('W'));
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const orGap = (x: number | null): number | string => (isFiniteNumber(x) ? round1(x) : '-');
const LEGEND = {
  top: 24,
  left: 24,
  itemHeight: 8,
  itemGap: 32,
  textStyle: { fontSize: 11, color: PALETTE.muted },
} as const;
const AXIS = {
  axisLabel: { color: PALETTE.muted },
  splitLine: { lineStyle: { color: PALETTE.grid } },
} as const;

/** The x axis of a weekly chart: one category a week, labelled 'W47'. */
function weekAxis(weeks: WeeklyTrends['weeks']) {
  return {
    type: 'category',
    data: weeks.map((w) => shortWeek(w.isoWeek)),
    axisLabel: { color: PALETTE.muted },
    axisTick: { show: false },
  } as const;
}

/** A weekly chart as the inline image `<name>.png` (content id `<name>@runcue`). */
function weeklyImage(
  name: string,
  option: Parameters<typeof renderChartPng>[0],
  alt: string,
  options: RenderOptions,
): ReportImage {
  return {
    cid: `${name}@runcue`,
    filename: `${name}.png`,
    png: renderChartPng(option, CHART_SIZE, options),
    alt,
  };
}

/**
 * Weekly distance as bars, one per week, with the week-over-week ramp printed above each bar;
 * weeks whose ramp crossed the flag line are drawn red.
 */
export function weeklyDistanceChart(
  trends: WeeklyTrends,
  units: Units,
  options: RenderOptions = {},
): ReportImage {
  const perUnit = units === 'km' ? 1000 : METRES_PER_MILE;
  const weeks = trends.weeks;
  const option = {
    title: chartTitle(`Weekly distance (${units}) and change on the week before`),
    grid: { left: 56, right: 28, top: 48, bottom: 28 },
    xAxis: weekAxis(weeks),
    yAxis: { type: 'value', ...AXIS },
    series: [
      {
        type: 'bar',
        barWidth: '55%',
        data: weeks.map((w) => ({
          value: round1(w.distanceM / perUnit),
          itemStyle: { color: w.rampFlag ? PALETTE.warning : PALETTE.primary },
          label: {
            show: isFiniteNumber(w.rampPercent),
            position: 'top',
            fontSize: 10,
            color: w.rampFlag ? PALETTE.warning : PALETTE.muted,
            formatter: formatSignedPercent(w.rampPercent, 0),
          },
        })),
      },
    ],
  };
  const last = weeks[weeks.length - 1];
  const flagged = weeks.filter((w) => w.rampFlag).map((w) => shortWeek(w.isoWeek));
  const alt =
    `Weekly distance for ${weeks.length} weeks` +
    (last ? `, ending with ${formatDistance(last.distanceM, units, 1)} in ${shortWeek(last.isoWeek)}` : '') +
    (last && isFiniteNumber(last.rampPercent)
      ? ` (${formatSignedPercent(last.rampPercent, 0)} on the week before)`
      : '') +
    (flagged.length > 0
      ? `; weeks up more than ${trends.rampFlagPercent}%: ${flagged.join(', ')}.`
      : `; no week rose more than ${trends.rampFlagPercent}%.`);
  return weeklyImage('weekly-distance', option, alt, options);
}

/**
 * Weekly median cadence as a line against the threshold, with the share of running time below the
 * threshold as bars on a second axis.
 */
export function weeklyCadenceChart(trends: WeeklyTrends, options: RenderOptions = {}): ReportImage | null {
  const weeks = trends.weeks;
  const medians = weeks.map((w) => w.cadenceMedianSpm).filter(isFiniteNumber);
  if (medians.length === 0) return null;
  const t = trends.thresholdSpm;
  const option = {
    title: chartTitle('Cadence by week'),
    legend: { ...LEGEND, data: ['median cadence (spm)', `time below ${t} spm (%)`] },
    grid: { left: 56, right: 48, top: 56, bottom: 28 },
    xAxis: weekAxis(weeks),
    yAxis: [
      {
        type: 'value',
        min: Math.floor((Math.min(...medians, t) - 6) / 5) * 5,
        max: Math.ceil((Math.max(...medians, t) + 4) / 5) * 5,
        ...AXIS,
      },
      {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: PALETTE.muted, formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: `time below ${t} spm (%)`,
        type: 'bar',
        yAxisIndex: 1,
        barWidth: '45%',
        itemStyle: { color: 'rgba(234,138,29,0.45)' },
        data: weeks.map((w) =>
          isFiniteNumber(w.shareBelowThreshold) ? Math.round(w.shareBelowThreshold * 100) : '-',
        ),
      },
      {
        name: 'median cadence (spm)',
        type: 'line',
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { color: PALETTE.primary, width: 2 },
        itemStyle: { color: PALETTE.primary },
        data: weeks.map((w) => orGap(w.cadenceMedianSpm)),
        markLine: {
          silent: true,
          symbol: 'none',
          data: [thresholdMarkLine(t, 'insideStartTop')],
        },
      },
    ],
  };
  const last = weeks[weeks.length - 1];
  const alt =
    `Median cadence by week, ${formatValue(Math.min(...medians), 'spm')} to ${formatValue(Math.max(...medians), 'spm')} against a ${t} spm threshold` +
    (last && isFiniteNumber(last.cadenceMedianSpm)
      ? `; this week ${formatValue(last.cadenceMedianSpm, 'spm')} with ${formatShare(last.shareBelowThreshold)} of running time below ${t} spm.`
      : '; no cadence this week.');
  return weeklyImage('weekly-cadence', option, alt, options);
}

/**
 * Late-run form and pain by week: the median decay onset (% of the run) and the median
 * decoupling (%) as lines, the week's highest pain score (0–10) as bars on a second axis.
 */
export function weeklyFormChart(trends: WeeklyTrends, options: RenderOptions = {}): ReportImage | null {
  const weeks = trends.weeks;
  const any = weeks.some(
    (w) =>
      isFiniteNumber(w.decayOnsetMedianPercent) ||
      isFiniteNumber(w.decouplingMedianPercent) ||
      w.pain.count > 0,
  );
  if (!any) return null;
  const option = {
    title: chartTitle('Late-run form, decoupling and pain'),
    legend: { ...LEGEND, data: ['decay onset (% of run)', 'decoupling (%)', 'highest pain (0–10)'] },
    grid: { left: 56, right: 48, top: 56, bottom: 28 },
    xAxis: weekAxis(weeks),
    yAxis: [
      {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: PALETTE.muted, formatter: '{value}%' },
        splitLine: { lineStyle: { color: PALETTE.grid } },
      },
      {
        type: 'value',
        min: 0,
        max: 10,
        interval: 2,
        axisLabel: { color: PALETTE.muted },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'highest pain (0–10)',
        type: 'bar',
        yAxisIndex: 1,
        barWidth: '40%',
        itemStyle: { color: 'rgba(185,28,28,0.35)' },
        data: weeks.map((w) => (w.pain.count > 0 ? orGap(w.pain.maxScore) : '-')),
      },
      percentLine('decay onset (% of run)', PALETTE.warning, weeks, (w) => w.decayOnsetMedianPercent),
      percentLine('decoupling (%)', PALETTE.primary, weeks, (w) => w.decouplingMedianPercent),
    ],
  };
  const decayWeeks = weeks.filter((w) => w.formDecayRuns > 0).length;
  const painWeeks = weeks.filter((w) => w.pain.count > 0).length;
  const alt = `Late-run form by week: form decay in ${decayWeeks} of ${weeks.length} weeks (median onset shown as % of the run), median decoupling per week, and pain logged in ${painWeeks} weeks (highest score per week).`;
  return weeklyImage('weekly-form', option, alt, options);
}

/** A line of one weekly percentage on the form chart, a gap where a week has none. */
function percentLine(
  name: string,
  color: string,
  weeks: WeeklyTrends['weeks'],
  value: (week: WeeklyTrends['weeks'][number]) => number | null,
) {
  return {
    name,
    type: 'line',
    symbolSize: 6,
    itemStyle: { color },
    lineStyle: { color },
    data: weeks.map((w) => orGap(value(w))),
  };
}
