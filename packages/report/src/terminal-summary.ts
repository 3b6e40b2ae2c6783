import type { RunAnalysis } from '@runcue/analysis';
import type { Activity } from '@runcue/fit';
import { cadenceSeries } from './cadence-series.ts';
import type { Units } from '@runcue/analysis';
import { formatDuration, formatStart } from './format-figures.ts';
import { wrapText } from './render-text.ts';
import type { FactRow } from './report-document.ts';
import { cadenceFacts, decouplingFact, formDecayFact, headlineFacts, paceDriftFact } from './run-sections.ts';
import { cadenceSparkline } from './sparkline.ts';

export interface TerminalSummaryOptions {
  units: Units;
  /** ANSI colours (bold labels, low cadence in yellow, decay in red). Default false. */
  color?: boolean;
}

const WIDTH = 78;
const LABEL = 23;

/**
 * The post-run summary `runcue report <file>` prints: headline numbers, cadence with a sparkline
 * of the run (the decay onset marked under it), time in bands, then pace drift, decoupling and
 * form decay, each with its figures and units. About 25 lines, 78 columns, no images; colour only
 * when asked for, so piped output stays plain.
 */
export function renderTerminalSummary(
  activity: Activity,
  analysis: RunAnalysis,
  options: TerminalSummaryOptions,
): string {
  const { units } = options;
  const paint = (code: string, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const fact = (row: FactRow, tone?: string): void => {
    const value = row.note ? `${row.value} (${row.note})` : row.value;
    wrapText(value, WIDTH - LABEL).forEach((part, i) => {
      const text = tone ? paint(tone, part) : part;
      lines.push(i === 0 ? paint('1', row.label.padEnd(LABEL)) + text : ' '.repeat(LABEL) + text);
    });
  };

  lines.push(
    paint('1', `Run on ${formatStart(activity.startTime, activity.localOffsetS)} (${activity.sport})`),
  );
  if (activity.integrity !== 'ok')
    lines.push(paint('33', `File ${activity.integrity}: figures cover the readable part.`));
  for (const repair of activity.repairs ?? [])
    for (const line of wrapText(repair, WIDTH)) lines.push(paint('33', line));
  if (!analysis.isRun)
    for (const line of wrapText(
      analysis.notRunReason && activity.sport === 'running'
        ? analysis.notRunReason
        : 'Not a run: the running figures may not mean much.',
      WIDTH,
    ))
      lines.push(paint('33', line));
  lines.push('');
  headlineFacts(analysis, units).forEach((r) => fact(r));
  lines.push('');
  cadenceFacts(analysis, units).forEach((r) => fact(r));
  lines.push(...sparklineLines(activity, analysis, paint));
  lines.push('');
  fact(paceDriftFact(analysis, units));
  fact(decouplingFact(analysis));
  fact(formDecayFact(analysis, units), analysis.formDecay.detected ? '31' : undefined);
  return `${lines.join('\n')}\n`;
}

/** The cadence sparkline row and the axis row under it (start, decay onset, end). */
function sparklineLines(
  activity: Activity,
  analysis: RunAnalysis,
  paint: (code: string, text: string) => string,
): string[] {
  const spark = cadenceSparkline(cadenceSeries(activity), 40);
  if (!spark) return [];
  const threshold = analysis.cadence.thresholdSpm;
  const bar = spark.chars
    .map((c, i) => paint((spark.values[i] ?? threshold) < threshold ? '33' : '32', c))
    .join('');
  const width = spark.chars.length;
  const end = formatDuration(spark.secondsPerColumn * width);
  const onset = analysis.formDecay.detected ? analysis.formDecay.onset : null;
  let axis = `0:00${' '.repeat(Math.max(1, width - 4 - end.length))}${end}`;
  if (onset) {
    const col = Math.min(width - 1, Math.floor(onset.elapsedS / spark.secondsPerColumn));
    const right = `^ decay from ${formatDuration(onset.elapsedS)}`;
    const left = `decay from ${formatDuration(onset.elapsedS)} ^`;
    axis =
      col + right.length <= width
        ? ' '.repeat(col) + paint('31', right)
        : ' '.repeat(Math.max(0, col - left.length + 1)) + paint('31', left);
  }
  return [
    `${paint('1', 'Cadence over the run'.padEnd(LABEL))}${bar} ${Math.round(spark.lowSpm)}–${Math.round(spark.highSpm)} spm`,
    ' '.repeat(LABEL) + axis,
  ];
}
