import type { ImportSummary } from './import-paths.ts';
import type { IngestItem } from './ingest-source.ts';
import type { IngestOutcome } from './ingest-types.ts';
import type { NoSummaryReason } from './no-summary.ts';

type Imported = Extract<IngestOutcome, { status: 'imported' }>;

/**
 * The closing lines of an import: how many files were imported, duplicates, failed and skipped;
 * how many post-run emails were queued; and which imported runs got none and why (`outcomes` is
 * every FIT file's outcome, in order).
 */
export function importReport(summary: ImportSummary, outcomes: readonly IngestItem['outcome'][]): string {
  const imported = outcomes.filter((o): o is Imported => o.status === 'imported');
  const skipped = summary.skipped > 0 ? `, skipped ${summary.skipped} already imported` : '';
  let text = `imported ${summary.imported}, duplicates ${summary.duplicates}, failed ${summary.failed}${skipped}\n`;
  const queued = imported.filter((o) => o.noSummary === undefined).length;
  if (queued > 0) {
    const [s, them] = queued === 1 ? ['', 'it'] : ['s', 'them'];
    text += `${queued} post-run email${s} queued: 'runcue start' sends ${them} (see 'runcue outbox')\n`;
  }
  const missed = imported.filter((o) => o.noSummary !== undefined && o.noSummary.reason !== 'not-a-run');
  return text + explainNoSummaries(missed);
}

const WHY: Record<NoSummaryReason, string> = {
  'not-a-run': 'are not runs',
  'from-archive': 'came out of an archive',
  'too-old': 'started before the summary window (RUNCUE_SUMMARY_WINDOW_DAYS)',
  'emails-off': 'belong to a runner whose post-run emails are off',
};

/**
 * Says which imported runs got no post-run email and why, grouped by reason, with how to get one
 * (a newcomer's first import is often an old file, and silence reads as a fault).
 */
function explainNoSummaries(missed: readonly Imported[]): string {
  const [only] = missed;
  const last = missed.at(-1);
  if (only?.noSummary === undefined || last === undefined) return '';
  if (missed.length === 1) return `${only.noSummary.message}\n`;
  const counts = new Map<NoSummaryReason, number>();
  for (const { noSummary: n } of missed) if (n) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${WHY[reason]}`);
  return (
    `${missed.length} runs got no post-run email: ${parts.join(', ')}. ` +
    `'runcue runs' lists them; 'runcue summary <run> --send' sends one (e.g. 'runcue summary ${last.activityId} --send')\n`
  );
}
