import type { Units } from '@runcue/analysis';
import type { RunAnalysis } from '@runcue/analysis';
import type { Cue, RecoverySuggestion } from '@runcue/coach';
import type { Activity } from '@runcue/fit';
import { cueItems, hasRedFlag, RED_FLAG_SUBJECT, recoveryItems, safetyBlocks } from './advice-items.ts';
import {
  formatDistance,
  formatDuration,
  formatStart,
  formatValue,
  isFiniteNumber,
} from './format-figures.ts';
import type { RenderOptions } from './render-chart.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import type { Block, RenderedReport, ReportDocument, ReportImage, ReportLink } from './report-document.ts';
import { bandsChart, cadenceChart } from './run-charts.ts';
import { cadenceFacts, decouplingFact, formDecayFact, headlineFacts, paceDriftFact } from './run-sections.ts';

export interface ReportAthlete {
  name: string;
  units: Units;
  thresholdSpm: number;
}

export interface RunSummaryInput {
  athlete: ReportAthlete;
  activity: Activity;
  analysis: RunAnalysis;
  /** The coach's output for this run; null when coaching was not run. */
  advice: { cues: Cue[]; recovery: RecoverySuggestion[] } | null;
  /** Links shown at the bottom (e.g. the run in the web view, settings). */
  links?: ReportLink[];
  renderOptions?: RenderOptions;
}

function imageBlock(image: ReportImage | null, height: number): Block[] {
  return image ? [{ kind: 'image', image, width: 600, height }] : [];
}

function noticeBlocks(input: RunSummaryInput): Block[] {
  const { activity, analysis, athlete } = input;
  const out: Block[] = [];
  if (!analysis.isRun) {
    out.push({
      kind: 'paragraph',
      tone: 'warning',
      text:
        analysis.notRunReason && activity.sport === 'running'
          ? analysis.notRunReason
          : `This activity is recorded as ${activity.sport}, not a run, so the running figures below may not mean much.`,
    });
  }
  if (activity.integrity !== 'ok') {
    const why = activity.integrity === 'truncated' ? 'was cut short' : 'failed its checksum';
    out.push({
      kind: 'paragraph',
      tone: 'warning',
      text: `The file ${why}; the figures cover the part that could be read.`,
    });
  }
  for (const repair of activity.repairs ?? []) out.push({ kind: 'paragraph', tone: 'warning', text: repair });
  if (analysis.cadence.thresholdSpm !== athlete.thresholdSpm) {
    out.push({
      kind: 'paragraph',
      tone: 'muted',
      text: `This run was analysed with a ${analysis.cadence.thresholdSpm} spm threshold; your current setting is ${athlete.thresholdSpm} spm.`,
    });
  }
  return out;
}

function adviceBlocks(advice: RunSummaryInput['advice']): Block[] {
  if (advice === null) {
    return [
      { kind: 'heading', text: 'Coaching' },
      { kind: 'paragraph', tone: 'muted', text: `Coaching is not available for this run.` },
    ];
  }
  // Safety items already lead the message (see safetyBlocks); the rest follow here.
  const rest = advice.cues.filter((c) => c.kind !== 'safety');
  const cues: Block =
    rest.length > 0
      ? { kind: 'advice', items: cueItems(rest) }
      : advice.cues.length > 0
        ? { kind: 'paragraph', text: 'See the advice about your pain at the top.' }
        : { kind: 'paragraph', text: 'No changes suggested: nothing in this run calls for one.' };
  const out: Block[] = [{ kind: 'heading', text: 'For your next run' }, cues];
  if (advice.recovery.length > 0)
    out.push(
      { kind: 'heading', text: 'Recovery' },
      { kind: 'advice', items: recoveryItems(advice.recovery) },
    );
  return out;
}

/** The subject line: a red flag first when one is in force, then date, distance, time and median cadence. */
function subjectOf(input: RunSummaryInput): string {
  const { analysis, activity, athlete } = input;
  const date = formatStart(activity.startTime, activity.localOffsetS).split(',')[0] ?? '';
  const cadence = isFiniteNumber(analysis.cadence.medianSpm)
    ? `, cadence ${formatValue(analysis.cadence.medianSpm, 'spm')}`
    : '';
  const flag = hasRedFlag(input.advice) ? `${RED_FLAG_SUBJECT} · ` : '';
  return `${flag}Your run ${date}: ${formatDistance(analysis.summary.distanceM, athlete.units)} in ${formatDuration(analysis.summary.movingTimeS)}${cadence}`;
}

/**
 * Renders the post-run summary email: headline numbers, cadence over the run (chart with the
 * threshold and the decay onset), time in cadence bands (chart), pace drift, decoupling and form
 * decay in words, then the coach's cues and recovery exercises with their reasons and sources.
 * Returns the subject, a plain-text body and an HTML body with the same facts, and the chart PNGs
 * that the HTML references as `cid:`. Figures use the analysis' threshold; units follow the athlete.
 */
export function renderRunSummary(input: RunSummaryInput): RenderedReport {
  const { athlete, activity, analysis } = input;
  const units = athlete.units;
  const cadence = cadenceChart(activity, analysis, units, input.renderOptions);
  const bands = bandsChart(analysis, input.renderOptions);
  const blocks: Block[] = [
    ...safetyBlocks(input.advice),
    ...noticeBlocks(input),
    { kind: 'heading', text: 'The run' },
    { kind: 'facts', rows: headlineFacts(analysis, units) },
    { kind: 'heading', text: 'Cadence' },
    { kind: 'facts', rows: cadenceFacts(analysis, units) },
    ...imageBlock(cadence, 240),
    ...imageBlock(bands, 200),
    { kind: 'heading', text: 'Pacing and form' },
    ...[paceDriftFact(analysis, units), decouplingFact(analysis), formDecayFact(analysis, units)].map(
      (f, i): Block => ({
        kind: 'paragraph',
        text: `${f.label}: ${f.value}`,
        ...(i === 2 && analysis.formDecay.detected ? { tone: 'warning' } : {}),
      }),
    ),
    ...adviceBlocks(input.advice),
  ];
  const doc: ReportDocument = {
    title: 'Run summary',
    subtitle: `${athlete.name} · ${formatStart(activity.startTime, activity.localOffsetS)}`,
    blocks,
    links: input.links ?? [],
    footer:
      'Advice from runcue is general guidance, not a diagnosis. If pain is sharp, spreads down a leg or comes with numbness, see a doctor or physio.',
  };
  return {
    subject: subjectOf(input),
    text: renderText(doc),
    html: renderHtml(doc),
    images: [cadence, bands].filter((x): x is ReportImage => x !== null),
  };
}
