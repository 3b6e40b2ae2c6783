import { CodedError } from '@runcue/errors';
import { workerEntry } from '@runcue/operations';
import type { RenderedReport } from '@runcue/report';
import { Piscina } from 'piscina';
import type { ReportResult, ReportTask } from './render-report.ts';

/** Draws an email's report (`ReportTask`); a runcue error from drawing it rejects with its code. */
export type DrawReport = (task: ReportTask) => Promise<RenderedReport>;

export interface RenderPool {
  readonly draw: DrawReport;
  /** Waits for reports being drawn, then ends the worker; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * A worker thread that draws `runcue start`'s emails off the event loop (ECharts and resvg block
 * the thread they run in for 100-250 ms an email). It starts with the first email, so a server
 * that sends none never loads the chart library, and it ends after a minute without one, giving
 * back its memory (about 25 MB).
 */
export function createRenderPool(): RenderPool {
  const piscina = new Piscina<ReportTask, ReportResult>({
    ...workerEntry(import.meta.url, 'render-worker', {}),
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
  });
  let closing: Promise<void> | null = null;
  return {
    draw: async (task) => unwrap(await piscina.run(task)),
    close: () => (closing ??= piscina.close()),
  };
}

/** Draws the report in this thread (the one-shot commands: `runcue summary --preview`, `outbox send`). */
export const drawInThread: DrawReport = async (task) =>
  unwrap((await import('./render-report.ts')).renderReport(task));

function unwrap(result: ReportResult): RenderedReport {
  if (!result.ok) throw new CodedError(result.code, result.message);
  return result.report;
}
