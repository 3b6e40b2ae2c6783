import { CHART_SIZE, renderChartPng } from '@runcue/report';

/**
 * Draws one chart like those of a post-run summary and throws it away, so that the first email
 * after a start does not pay for loading and compiling ECharts and resvg. `startNotifier` calls
 * it once, right after it starts.
 */
export function warmUpRenderer(): void {
  const series = Array.from({ length: 600 }, (_, i) => [i, 165 + 6 * Math.sin(i / 40)]);
  renderChartPng(
    {
      title: { text: 'Cadence' },
      xAxis: { type: 'value', name: 'min' },
      yAxis: { type: 'value', name: 'spm', min: 140, max: 190 },
      series: [{ type: 'line', data: series, showSymbol: false }],
    },
    CHART_SIZE,
  );
}
