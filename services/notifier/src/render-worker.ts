import { renderReport } from './render-report.ts';

/**
 * The render pool's worker thread (`render-pool.ts`): draws one email's report, so that the
 * server's event loop keeps turning while ECharts and resvg work (100-250 ms an email).
 */
export default renderReport;
