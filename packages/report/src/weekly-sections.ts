import { loadSpike } from '@runcue/coach';
import type { Units } from '@runcue/analysis';
import type { WeekTrend, WeeklyTrends } from '@runcue/analysis';
import {
  NOT_AVAILABLE,
  formatDistance,
  formatDuration,
  formatShare,
  formatSignedPercent,
  formatValue,
  isFiniteNumber,
} from './format-figures.ts';
import type { Block, FactRow } from './report-document.ts';
import { shortWeek } from './weekly-charts.ts';

/** '16–22 Nov 2026' from two local dates 'YYYY-MM-DD'. */
export function formatWeekRange(startDate: string, endDate: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const parse = (d: string): [number, string, number] | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    return m ? [Number(m[3]), months[Number(m[2]) - 1] ?? '', Number(m[1])] : null;
  };
  const a = parse(startDate);
  const b = parse(endDate);
  if (!a || !b) return `${startDate} – ${endDate}`;
  if (a[2] !== b[2]) return `${a[0]} ${a[1]} ${a[2]} – ${b[0]} ${b[1]} ${b[2]}`;
  if (a[1] !== b[1]) return `${a[0]} ${a[1]} – ${b[0]} ${b[1]} ${b[2]}`;
  return `${a[0]}–${b[0]} ${b[1]} ${b[2]}`;
}

/** '1 run', '3 runs'. */
export function runsText(count: number): string {
  return `${count} run${count === 1 ? '' : 's'}`;
}

const rampNote = (w: WeekTrend, trends: WeeklyTrends): string | undefined =>
  w.rampFlag ? `above the ${trends.rampFlagPercent}% weekly increase guideline` : undefined;

/** The figures of one week, each with its unit, 'not available' where the week had none. */
export function weekFacts(w: WeekTrend, trends: WeeklyTrends, units: Units): FactRow[] {
  const t = trends.thresholdSpm;
  const pain =
    w.pain.count === 0
      ? 'none logged'
      : `highest ${formatValue(w.pain.maxScore, '/ 10')}, average ${formatValue(w.pain.meanScore, '/ 10', 1)} over ${w.pain.count} entr${w.pain.count === 1 ? 'y' : 'ies'}`;
  const rows: FactRow[] = [
    w.runCount === 0
      ? { label: 'Distance', value: 'no runs this week' }
      : {
          label: 'Distance',
          value: `${formatDistance(w.distanceM, units, 1)} in ${runsText(w.runCount)}`,
          note: `moving time ${formatDuration(w.movingTimeS)}`,
        },
    {
      label: 'Change on last week',
      value: isFiniteNumber(w.rampPercent)
        ? formatSignedPercent(w.rampPercent, 0)
        : `${NOT_AVAILABLE} (no running the week before)`,
      ...(rampNote(w, trends) ? { note: rampNote(w, trends) } : {}),
    },
    {
      label: 'Acute:chronic load',
      value: isFiniteNumber(w.acuteChronicRatio) ? w.acuteChronicRatio.toFixed(2) : NOT_AVAILABLE,
      note: w.acuteChronicFlag
        ? `above ${trends.acuteChronicFlagRatio}: this week is a jump on the last four`
        : `7-day ÷ 28-day average; flag above ${trends.acuteChronicFlagRatio}`,
    },
    {
      label: 'Long run',
      value: w.longRunM > 0 ? formatDistance(w.longRunM, units, 1) : NOT_AVAILABLE,
      ...(isFiniteNumber(w.longRunShare) ? { note: `${formatShare(w.longRunShare)} of the week` } : {}),
    },
    { label: 'Median cadence', value: formatValue(w.cadenceMedianSpm, 'spm'), note: `threshold ${t} spm` },
    { label: `Time below ${t} spm`, value: formatShare(w.shareBelowThreshold), note: 'of running time' },
    {
      label: 'Late-run form decay',
      value: w.runCount === 0 ? NOT_AVAILABLE : `${w.formDecayRuns} of ${runsText(w.runCount)}`,
      ...(isFiniteNumber(w.decayOnsetMedianPercent)
        ? { note: `median onset at ${Math.round(w.decayOnsetMedianPercent)}% of the run` }
        : {}),
    },
    {
      label: 'Decoupling',
      value: isFiniteNumber(w.decouplingMedianPercent)
        ? `${formatSignedPercent(w.decouplingMedianPercent)} median`
        : NOT_AVAILABLE,
      note:
        w.decouplingRuns > 0
          ? `${w.decouplingRuns} run${w.decouplingRuns === 1 ? '' : 's'} long and steady enough with heart rate`
          : 'no run of 40 minutes or more with heart rate',
    },
    {
      label: 'Pace drift',
      value: isFiniteNumber(w.paceDriftMedianPercent)
        ? `${formatSignedPercent(w.paceDriftMedianPercent)} median`
        : NOT_AVAILABLE,
    },
    {
      label: 'Back pain',
      value: pain,
      ...(w.pain.redFlagCount > 0 ? { note: `${w.pain.redFlagCount} with a red flag` } : {}),
    },
  ];
  for (const shoe of w.shoes) {
    rows.push({
      label: 'Shoe',
      value: `${shoe.name}: ${formatDistance(shoe.totalDistanceM, units, 0)} in total`,
      note: shoe.warn
        ? `${formatDistance(shoe.weekDistanceM, units, 1)} this week; time to think about a new pair`
        : `${formatDistance(shoe.weekDistanceM, units, 1)} this week`,
    });
  }
  return rows;
}

/** Warnings for the last week: ramp, acute:chronic, red-flag pain, worn shoes. */
export function weekWarnings(w: WeekTrend, trends: WeeklyTrends, units: Units): Block[] {
  const out: string[] = [];
  if (w.pain.redFlagCount > 0)
    out.push(
      'You logged pain with a red flag this week. Please see a doctor or physio before running again.',
    );
  // Only a meaningful spike is an alarm: not a second run, a run after a break or a short recording.
  const spike = loadSpike(trends.weeks);
  if (spike?.ramp === true)
    out.push(
      `Distance rose ${formatSignedPercent(w.rampPercent, 0)} on last week, above the ${trends.rampFlagPercent}% line: make next week lighter.`,
    );
  if (spike?.ratio === true && isFiniteNumber(w.acuteChronicRatio)) {
    out.push(
      `Your distance this week is ${w.acuteChronicRatio.toFixed(2)} × your average week over the 28 days to its end, above ${trends.acuteChronicFlagRatio}: make next week lighter.`,
    );
  }
  for (const shoe of w.shoes.filter((s) => s.warn))
    out.push(
      `${shoe.name} has ${formatDistance(shoe.totalDistanceM, units, 0)} on it; running shoes are worth replacing every ${units === 'km' ? '480–800 km' : '300–500 mi'}.`,
    );
  return out.map((text) => ({ kind: 'paragraph', tone: 'warning', text }));
}

const cell = (x: number | null, f: (v: number) => string): string => (isFiniteNumber(x) ? f(x) : 'n/a');

/** Twelve weeks as one table (oldest first), so every charted figure is also in text. */
export function weeksTable(trends: WeeklyTrends, units: Units): Block {
  const t = trends.thresholdSpm;
  return {
    kind: 'table',
    columns: ['Week', units, 'Change', 'Cadence', `<${t}`, 'Decay', 'Decoupl.', 'Pain'],
    rows: trends.weeks.map((w) => [
      shortWeek(w.isoWeek),
      (w.distanceM / (units === 'km' ? 1000 : 1609.344)).toFixed(1),
      cell(w.rampPercent, (v) => `${formatSignedPercent(v, 0)}${w.rampFlag ? '!' : ''}`),
      cell(w.cadenceMedianSpm, (v) => v.toFixed(0)),
      cell(w.shareBelowThreshold, (v) => `${Math.round(v * 100)}%`),
      w.runCount === 0
        ? 'n/a'
        : w.formDecayRuns > 0
          ? `${w.formDecayRuns}×${cell(w.decayOnsetMedianPercent, (v) => ` @${Math.round(v)}%`)}`
          : '0',
      cell(w.decouplingMedianPercent, (v) => `${v.toFixed(1)}%`),
      w.pain.count > 0 ? cell(w.pain.maxScore, (v) => `${v}/10`) : '–',
    ]),
    caption:
      `Change: distance on the week before (! above ${trends.rampFlagPercent}%). Cadence: median spm. <${t}: share of running time below ${t} spm. ` +
      `Decay: runs with late-run form decay @ median onset as % of the run. Decoupl.: median heart-rate decoupling. Pain: highest score logged. n/a: not available that week.`,
  };
}
