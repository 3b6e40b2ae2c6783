import type { ImportSummary } from './import-paths.ts';
import type { IngestItem } from './ingest-source.ts';
import type { NoSummaryReason } from './no-summary.ts';

/** The closing lines of an import, told each FIT file's outcome as it is stored. */
export interface ImportReport {
  /** Counts one FIT file's outcome (call in the order the files were stored). */
  add(outcome: IngestItem['outcome']): void;
  /**
   * How many files were imported, duplicates, failed and skipped; how many post-run emails were
   * queued; and which imported runs got none and why.
   */
  text(summary: ImportSummary): string;
}

/**
 * Starts the report of one import. It keeps counts, not outcomes: an export of tens of thousands
 * of runs reports in the same memory as one of ten.
 */
export function createImportReport(): ImportReport {
  let queued = 0;
  const missed = new Map<NoSummaryReason, number>();
  let missedCount = 0;
  let firstMessage = '';
  let lastActivityId = '';
  return {
    add(outcome) {
      if (outcome.status !== 'imported') return;
      const n = outcome.noSummary;
      if (n === undefined) {
        queued += 1;
        return;
      }
      if (n.reason === 'not-a-run') return;
      if (missedCount === 0) firstMessage = n.message;
      missedCount += 1;
      missed.set(n.reason, (missed.get(n.reason) ?? 0) + 1);
      lastActivityId = outcome.activityId;
    },
    text(summary) {
      const skipped = summary.skipped > 0 ? `, skipped ${summary.skipped} already imported` : '';
      let text = `imported ${summary.imported}, duplicates ${summary.duplicates}, failed ${summary.failed}${skipped}\n`;
      if (queued > 0) {
        const [s, them] = queued === 1 ? ['', 'it'] : ['s', 'them'];
        text += `${queued} post-run email${s} queued: 'runcue start' sends ${them} (see 'runcue outbox')\n`;
      }
      if (missedCount === 0) return text;
      // A newcomer's first import is often an old file, and silence reads as a fault.
      if (missedCount === 1) return `${text}${firstMessage}\n`;
      const parts = [...missed].map(([reason, n]) => `${n} ${WHY[reason]}`);
      return (
        `${text}${missedCount} runs got no post-run email: ${parts.join(', ')}. ` +
        `'runcue runs' lists them; 'runcue summary <run> --send' sends one (e.g. 'runcue summary ${lastActivityId} --send')\n`
      );
    },
  };
}

const WHY: Record<NoSummaryReason, string> = {
  'not-a-run': 'are not runs',
  'from-archive': 'came out of an archive',
  'too-old': 'started before the summary window (RUNCUE_SUMMARY_WINDOW_DAYS)',
  'emails-off': 'belong to a runner whose post-run emails are off',
};
