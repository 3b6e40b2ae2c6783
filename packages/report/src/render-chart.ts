import { codedErrors, type CodeOf } from '@runcue/errors';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Charts are drawn by Apache ECharts (server-side SVG rendering) and rasterised to PNG by resvg,
 * because mail clients show PNG attachments referenced by `cid:` but not inline SVG.
 */

/**
 * Where resvg finds fonts for chart text. The package itself never reads the disk: the caller says
 * which font files to load. Default: `loadSystemFonts: true` with the 'DejaVu Sans' family, which is
 * what Debian/Ubuntu hosts have; on other systems pass `fontFiles` (any TTF/OTF) and its `family`.
 */
export interface ChartFontOptions {
  /** Font files (TTF/OTF paths) for resvg to load. */
  fontFiles?: string[];
  /** Directories of fonts for resvg to load. */
  fontDirs?: string[];
  /** Let resvg scan the system's font folders (default true; slower, but no setup). */
  loadSystemFonts?: boolean;
  /** Family name used for all chart text (default 'DejaVu Sans'). */
  family?: string;
}

export interface RenderOptions {
  fonts?: ChartFontOptions;
}

export const DEFAULT_FONT_FAMILY = 'DejaVu Sans';

export interface ChartSize {
  width: number;
  height: number;
}

/** The chart sizes the reports use: 600 px wide, the width of a mail column. */
export const CHART_SIZE: ChartSize = { width: 600, height: 240 };

/** Colours shared by the charts and the HTML so both tell the same story. */
export const PALETTE = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  primary: '#2f6fb2',
  threshold: '#c2410c',
  warning: '#b91c1c',
  good: '#15803d',
  bands: ['#b91c1c', '#ea8a1d', '#3f9142', '#2f6fb2'],
} as const;

/** A chart's title, in bold at the top left: every chart of a report is titled alike. */
export function chartTitle(text: string) {
  return { text, left: 24, top: 4, textStyle: { fontSize: 13, fontWeight: 'bold' } } as const;
}

/**
 * The athlete's cadence threshold on a chart: a dashed line at `spm`, labelled '170 spm' at its
 * start or end, above the line.
 */
export function thresholdMarkLine(
  spm: number,
  position: 'insideStartTop' | 'insideEndTop',
  lineWidth?: number,
): object {
  return {
    yAxis: spm,
    lineStyle: { color: PALETTE.threshold, type: 'dashed', ...(lineWidth ? { width: lineWidth } : {}) },
    label: {
      formatter: `${spm} spm`,
      position,
      color: PALETTE.threshold,
      backgroundColor: 'rgba(255,255,255,0.85)',
      padding: [1, 3],
    },
  };
}

/** Stable codes for reports that cannot be rendered. */
export type ReportErrorCode = CodeOf<typeof ReportError>;

/** The report package's errors: a chart or a weekly review that cannot be rendered. */
export class ReportError extends codedErrors(['REPORT_CHART_FAILED', 'REPORT_NO_WEEKS']) {}

/** Class of error for a chart that could not be rendered (bad option, resvg failure). */
export class ChartRenderError extends ReportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REPORT_CHART_FAILED', message, options);
  }
}

/**
 * Renders one ECharts option to PNG bytes: SVG through ECharts SSR (no DOM, no animation), then
 * resvg with the caller's fonts. The option is used as given plus the font family and a white
 * background, so every chart in a report looks alike.
 */
export function renderChartPng(
  option: echarts.EChartsCoreOption,
  size: ChartSize,
  options: RenderOptions = {},
): Uint8Array {
  const family = options.fonts?.family ?? DEFAULT_FONT_FAMILY;
  for (const side of [size.width, size.height]) {
    if (!Number.isInteger(side) || side < 16 || side > 4096) {
      throw new ChartRenderError(
        `chart size ${size.width}×${size.height} is not usable: each side must be a whole number of pixels from 16 to 4096`,
      );
    }
  }
  let svg: string;
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: family, color: PALETTE.ink },
      ...option,
    });
    svg = chart.renderToSVGString();
  } catch (cause) {
    throw new ChartRenderError(`ECharts could not draw the chart: ${String(cause)}`, { cause });
  } finally {
    chart.dispose();
  }
  try {
    const resvg = new Resvg(svg, {
      background: '#ffffff',
      font: {
        loadSystemFonts: options.fonts?.loadSystemFonts ?? true,
        fontFiles: options.fonts?.fontFiles ?? [],
        fontDirs: options.fonts?.fontDirs ?? [],
        defaultFontFamily: family,
        sansSerifFamily: family,
      },
      logLevel: 'off',
    });
    return new Uint8Array(resvg.render().asPng());
  } catch (cause) {
    throw new ChartRenderError(`resvg could not rasterise the chart: ${String(cause)}`, { cause });
  }
}
