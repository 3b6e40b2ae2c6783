import { isCodedError } from '@runcue/errors';
import {
  renderRunSummary,
  renderWeeklyReview,
  type RenderedReport,
  type RunSummaryInput,
  type WeeklyReviewInput,
} from '@runcue/report';

/** One email's report to lay out and draw: a post-run summary or a weekly review. */
export type ReportTask =
  | { readonly kind: 'run-summary'; readonly input: RunSummaryInput }
  | { readonly kind: 'weekly-review'; readonly input: WeeklyReviewInput };

/**
 * A report, or why it could not be drawn: a runcue error's code and message travel as data, so
 * that they come back whole from a worker thread (an error object would lose its code there).
 */
export type ReportResult =
  | { readonly ok: true; readonly report: RenderedReport }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Lays out one report and draws its charts (ECharts and resvg), in the calling thread. */
export function renderReport(task: ReportTask): ReportResult {
  try {
    const report =
      task.kind === 'run-summary' ? renderRunSummary(task.input) : renderWeeklyReview(task.input);
    return { ok: true, report };
  } catch (error) {
    if (!isCodedError(error)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}
