import { describe, expect, it } from 'vitest';
import { createImportReport } from '../src/import/import-report.ts';
import type { ImportSummary } from '../src/import/import-paths.ts';
import type { IngestItem } from '../src/import/ingest-source.ts';
import type { NoSummary } from '../src/import/no-summary.ts';

const counts = { imported: 0, duplicates: 0, failed: 0, skipped: 0 };
/** The report of an import that stored `outcomes`, in order. */
function importReport(summary: ImportSummary, outcomes: readonly IngestItem['outcome'][]): string {
  const report = createImportReport();
  for (const outcome of outcomes) report.add(outcome);
  return report.text(summary);
}
const imported = (activityId: string, noSummary?: NoSummary): IngestItem['outcome'] => ({
  status: 'imported',
  fileId: `f-${activityId}`,
  activityId,
  ...(noSummary ? { noSummary } : {}),
});
const old: NoSummary = { reason: 'too-old', message: 'no post-run email: it started long ago' };
const archived: NoSummary = {
  reason: 'from-archive',
  message: 'no post-run email: it came out of an archive',
};

describe('createImportReport', () => {
  it('counts every outcome, and names skipped files only when there are some', () => {
    expect(importReport({ ...counts, imported: 2, duplicates: 1, failed: 3 }, [])).toBe(
      'imported 2, duplicates 1, failed 3\n',
    );
    expect(importReport({ ...counts, skipped: 4 }, [])).toBe(
      'imported 0, duplicates 0, failed 0, skipped 4 already imported\n',
    );
  });

  it('says how many post-run emails were queued and who sends them', () => {
    expect(importReport({ ...counts, imported: 1 }, [imported('a1')])).toContain(
      "1 post-run email queued: 'runcue start' sends it (see 'runcue outbox')\n",
    );
    expect(importReport({ ...counts, imported: 2 }, [imported('a1'), imported('a2')])).toContain(
      "2 post-run emails queued: 'runcue start' sends them (see 'runcue outbox')\n",
    );
  });

  it("gives one run's own reason, and groups several by reason with the last run as the example", () => {
    expect(importReport({ ...counts, imported: 1 }, [imported('a1', old)])).toBe(
      'imported 1, duplicates 0, failed 0\nno post-run email: it started long ago\n',
    );
    const report = importReport({ ...counts, imported: 3 }, [
      imported('a1', archived),
      imported('a2', old),
      imported('a3', archived),
    ]);
    expect(report).toBe(
      'imported 3, duplicates 0, failed 0\n' +
        '3 runs got no post-run email: 2 came out of an archive, 1 started before the summary window (RUNCUE_SUMMARY_WINDOW_DAYS). ' +
        "'runcue runs' lists them; 'runcue summary <run> --send' sends one (e.g. 'runcue summary a3 --send')\n",
    );
  });

  it('says nothing of an activity that is not a run, nor of failures and duplicates', () => {
    const notARun: NoSummary = { reason: 'not-a-run', message: 'no post-run email: not a run' };
    const report = importReport({ ...counts, imported: 1, duplicates: 1, failed: 1 }, [
      imported('b1', notARun),
      { status: 'duplicate', fileId: 'f2', duplicateOf: 'b0', reason: 'same-bytes' },
      { status: 'failed', fileId: null, error: { code: 'FIT_CORRUPT', message: 'bad' } },
    ]);
    expect(report).toBe('imported 1, duplicates 1, failed 1\n');
  });
});
