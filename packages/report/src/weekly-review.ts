import type { WeeklyTrends } from '@runcue/analysis';
import type { Cue, RecoverySuggestion } from '@runcue/coach';
import { cueItems, hasRedFlag, RED_FLAG_SUBJECT, recoveryItems, safetyBlocks } from './advice-items.ts';
import { formatDistance, formatValue, isFiniteNumber } from './format-figures.ts';
import { ReportError, type RenderOptions } from './render-chart.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import type { Block, RenderedReport, ReportDocument, ReportImage, ReportLink } from './report-document.ts';
import type { ReportAthlete } from './run-summary.ts';
import { weeklyCadenceChart, weeklyDistanceChart, weeklyFormChart } from './weekly-charts.ts';
import { formatWeekRange, runsText, weekFacts, weekWarnings, weeksTable } from './weekly-sections.ts';

export interface WeeklyReviewInput {
  athlete: ReportAthlete;
  /** From `weeklyTrends` in @runcue/analysis; the last week is the one reviewed. */
  trends: WeeklyTrends;
  /** The coach's top cues and recovery for the coming week; null when coaching was not run. */
  advice: { cues: Cue[]; recovery: RecoverySuggestion[] } | null;
  links?: ReportLink[];
  renderOptions?: RenderOptions;
}

/** Class of error for a review that cannot be rendered (no weeks in the trends). */
export class WeeklyReviewError extends ReportError {
  constructor(message: string) {
    super('REPORT_NO_WEEKS', message);
  }
}

function imageBlock(image: ReportImage | null): Block[] {
  return image ? [{ kind: 'image', image, width: 600, height: 240 }] : [];
}

/**
 * Renders the weekly review email for the last week of `trends`: that week's figures (distance,
 * ramp, acute:chronic load, cadence median and share below the threshold, form decay and its
 * onset, decoupling, pain, shoe mileage) with warnings first, then charts and a table of every
 * week (12 by default), then the coach's cues for the week ahead. Returns subject, plain text and
 * HTML with the same facts, and the chart PNGs referenced as `cid:`. Throws WeeklyReviewError
 * (`REPORT_NO_WEEKS`) when the trends hold no week.
 */
export function renderWeeklyReview(input: WeeklyReviewInput): RenderedReport {
  const { athlete, trends } = input;
  const units = athlete.units;
  const week = trends.weeks[trends.weeks.length - 1];
  if (!week) throw new WeeklyReviewError('the weekly trends hold no week to review');
  const charts = [
    weeklyDistanceChart(trends, units, input.renderOptions),
    weeklyCadenceChart(trends, input.renderOptions),
    weeklyFormChart(trends, input.renderOptions),
  ];
  const advice = input.advice;
  const adviceBlocks: Block[] =
    advice === null
      ? [{ kind: 'paragraph', tone: 'muted', text: 'Coaching is not available this week.' }]
      : [
          advice.cues.some((c) => c.kind !== 'safety')
            ? { kind: 'advice', items: cueItems(advice.cues.filter((c) => c.kind !== 'safety')) }
            : advice.cues.length > 0
              ? { kind: 'paragraph', text: 'See the advice about your pain at the top.' }
              : { kind: 'paragraph', text: 'No changes suggested for the week ahead.' },
          ...(advice.recovery.length > 0
            ? [
                { kind: 'heading', text: 'Recovery' } as const,
                { kind: 'advice', items: recoveryItems(advice.recovery) } as const,
              ]
            : []),
        ];
  const blocks: Block[] = [
    ...safetyBlocks(advice),
    ...weekWarnings(week, trends, units),
    { kind: 'heading', text: `This week (${formatWeekRange(week.startDate, week.endDate)})` },
    { kind: 'facts', rows: weekFacts(week, trends, units) },
    { kind: 'heading', text: `The last ${trends.weeks.length} weeks` },
    ...charts.flatMap(imageBlock),
    weeksTable(trends, units),
    { kind: 'heading', text: 'For the week ahead' },
    ...adviceBlocks,
  ];
  const doc: ReportDocument = {
    title: 'Weekly review',
    subtitle: `${athlete.name} · ${week.isoWeek}, ${formatWeekRange(week.startDate, week.endDate)}`,
    blocks,
    links: input.links ?? [],
    footer:
      'Advice from runcue is general guidance, not a diagnosis. If pain is sharp, spreads down a leg or comes with numbness, see a doctor or physio.',
  };
  const cadence = isFiniteNumber(week.cadenceMedianSpm)
    ? `, cadence ${formatValue(week.cadenceMedianSpm, 'spm')}`
    : '';
  const flag = hasRedFlag(advice) ? `${RED_FLAG_SUBJECT} · ` : '';
  return {
    subject:
      flag +
      (week.runCount === 0
        ? `Your week ${week.isoWeek}: no runs`
        : `Your week ${week.isoWeek}: ${formatDistance(week.distanceM, units, 1)} in ${runsText(week.runCount)}${cadence}`),
    text: renderText(doc),
    html: renderHtml(doc),
    images: charts.filter((c): c is ReportImage => c !== null),
  };
}
