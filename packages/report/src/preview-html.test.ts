import { describe, expect, it } from 'vitest';
import { sampleActivity, sampleAnalysis } from '../test/sample-run.ts';
import { toPreviewHtml } from './preview-html.ts';
import { renderRunSummary } from './run-summary.ts';

describe('toPreviewHtml', () => {
  const report = renderRunSummary({
    athlete: { name: 'Alex', units: 'km', thresholdSpm: 170 },
    activity: sampleActivity(),
    analysis: sampleAnalysis(),
    advice: null,
  });

  it('inlines every cid image as a data: URI holding the same PNG bytes', () => {
    const html = toPreviewHtml(report);
    expect(html).not.toContain('cid:');
    const uris = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(uris).toHaveLength(report.images.length);
    uris.forEach((b64, i) =>
      expect(new Uint8Array(Buffer.from(b64, 'base64'))).toEqual(report.images[i]?.png),
    );
  });

  it('can point the images at files written next to the page instead', () => {
    const html = toPreviewHtml(report, { imageSrc: (image) => image.filename });
    expect(html).toContain('src="cadence.png"');
    expect(html).toContain('src="cadence-bands.png"');
    expect(html).not.toContain('cid:');
  });
});
