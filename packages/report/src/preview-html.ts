import { escapeHtml } from './render-html.ts';
import type { RenderedReport, ReportImage } from './report-document.ts';

export interface PreviewOptions {
  /** Where each image comes from in the preview; default a `data:image/png;base64,…` URI. */
  imageSrc?: (image: ReportImage) => string;
}

/** A PNG as a data: URI, for previews opened straight from disk or in a browser. */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}

/**
 * Turns a rendered email into a stand-alone HTML page for `--preview file.html`: every
 * `cid:` image reference is replaced by the image itself as a data: URI (or by what `imageSrc`
 * returns, e.g. the file name when the PNGs are written next to the page). References to unknown
 * cids are left as they are.
 */
export function toPreviewHtml(report: RenderedReport, options: PreviewOptions = {}): string {
  const srcOf = options.imageSrc ?? ((image: ReportImage) => pngDataUri(image.png));
  let html = report.html;
  for (const image of report.images) {
    html = html.replaceAll(`src="cid:${escapeHtml(image.cid)}"`, `src="${escapeHtml(srcOf(image))}"`);
  }
  return html;
}
