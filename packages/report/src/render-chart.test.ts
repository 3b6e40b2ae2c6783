import { describe, expect, it } from 'vitest';
import { decodePngInfo } from '../test/png-info.ts';
import { ChartRenderError, renderChartPng } from './render-chart.ts';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const option = {
  title: { text: 'Weekly distance' },
  xAxis: { type: 'category', data: ['W1', 'W2', 'W3'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [10, 12, 9] }],
};

describe('renderChartPng', () => {
  it('renders an ECharts option to a PNG of the asked size', () => {
    const png = renderChartPng(
      option,
      { width: 320, height: 160 },
      { fonts: { fontFiles: [DEJAVU], loadSystemFonts: false } },
    );
    expect(decodePngInfo(png)).toMatchObject({ width: 320, height: 160 });
  });

  it('draws the text with the font the caller passes (no font: no text)', () => {
    const size = { width: 320, height: 160 };
    const withFont = renderChartPng(option, size, { fonts: { fontFiles: [DEJAVU], loadSystemFonts: false } });
    const noFont = renderChartPng(option, size, { fonts: { fontFiles: [], loadSystemFonts: false } });
    // Glyphs add detail that compresses worse: the PNG with text is clearly larger.
    expect(withFont.length).toBeGreaterThan(noFont.length + 1000);
  });

  it('refuses an unusable size with a ChartRenderError and a stable code', () => {
    for (const size of [
      { width: 0, height: 100 },
      { width: 100, height: Number.NaN },
      { width: 100.5, height: 100 },
    ]) {
      expect(() => renderChartPng(option, size)).toThrow(ChartRenderError);
    }
    try {
      renderChartPng(option, { width: 1e6, height: 10 });
    } catch (error) {
      expect(error).toMatchObject({ code: 'REPORT_CHART_FAILED' });
      expect(String(error)).toContain('1000000×10');
    }
    expect.assertions(5);
  });
});
