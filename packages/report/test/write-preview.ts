/**
 * Dev tool: renders the sample run summary (and weekly review) to /tmp/report-preview/ so the HTML
 * can be opened in a browser or screenshot in headless Chromium. Run with
 * `npx tsx packages/report/test/write-preview.ts [outDir]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRunSummary, renderWeeklyReview, toPreviewHtml, type RenderedReport } from '../src/index.ts';
import { sampleWeeklyTrends } from './sample-weeks.ts';
import { sampleActivity, sampleAnalysis, sampleCues, sampleRecovery } from './sample-run.ts';

const outDir = process.argv[2] ?? '/tmp/report-preview';
mkdirSync(outDir, { recursive: true });

function write(name: string, report: RenderedReport): void {
  for (const image of report.images) writeFileSync(join(outDir, image.filename), image.png);
  writeFileSync(join(outDir, `${name}.html`), toPreviewHtml(report, { imageSrc: (image) => image.filename }));
  writeFileSync(join(outDir, `${name}.inline.html`), toPreviewHtml(report));
  writeFileSync(join(outDir, `${name}.txt`), `Subject: ${report.subject}\n\n${report.text}`);
  console.log(name, report.images.map((i) => `${i.filename} ${i.png.length} B`).join(', '));
}

const t0 = performance.now();
write(
  'run-summary',
  renderRunSummary({
    athlete: { name: 'Alex <script>alert(1)</script>', units: 'km', thresholdSpm: 170 },
    activity: sampleActivity(),
    analysis: sampleAnalysis(),
    advice: { cues: sampleCues(), recovery: sampleRecovery() },
    links: [{ label: 'Open this run', url: 'http://localhost:8080/runs/1' }],
  }),
);
console.log(`rendered in ${Math.round(performance.now() - t0)} ms`);

const t1 = performance.now();
write(
  'weekly-review',
  renderWeeklyReview({
    athlete: { name: 'Alex', units: 'km', thresholdSpm: 170 },
    trends: sampleWeeklyTrends(),
    advice: { cues: sampleCues(), recovery: sampleRecovery() },
  }),
);
console.log(`rendered in ${Math.round(performance.now() - t1)} ms`);
