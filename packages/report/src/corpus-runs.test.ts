import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import { describe, expect, it } from 'vitest';
import { decodePngInfo } from '../test/png-info.ts';
import { renderRunSummary } from './run-summary.ts';
import { renderTerminalSummary } from './terminal-summary.ts';

const corpus = fileURLToPath(new URL('../../../../shared/fit-corpus/', import.meta.url));

// Real runs with different gaps: long with HR and developer dynamics, treadmill without GPS,
// an old watch with neither cadence nor heart rate, and a run with pauses.
const files = [
  'elevate/kaiteriteri.fit',
  'elevate/treadmill.fit',
  'gpsbabel/fit-sample.fit',
  'Runalyze/Fenix-2-pauses.fit',
];

describe('reports for corpus runs', () => {
  for (const file of files) {
    it(`renders ${file} end to end without NaN, in km and mi`, () => {
      const activity = decodeFit(new Uint8Array(readFileSync(corpus + file)));
      const analysis = analyseRun(activity);
      for (const units of ['km', 'mi'] as const) {
        const report = renderRunSummary({
          athlete: { name: 'Sam', units, thresholdSpm: 170 },
          activity,
          analysis,
          advice: { cues: [], recovery: [] },
        });
        const distance =
          units === 'km'
            ? (analysis.summary.distanceM / 1000).toFixed(2)
            : (analysis.summary.distanceM / 1609.344).toFixed(2);
        expect(report.subject).toContain(`${distance} ${units}`);
        for (const body of [report.text, report.html]) expect(body).not.toMatch(/NaN|undefined|Infinity/);
        // A cadence chart exactly when the run has cadence.
        expect(report.images.some((i) => i.filename === 'cadence.png')).toBe(
          analysis.cadence.medianSpm !== null,
        );
        for (const image of report.images) expect(decodePngInfo(image.png).width).toBe(600);
        const terminal = renderTerminalSummary(activity, analysis, { units });
        expect(terminal).not.toMatch(/NaN|undefined|Infinity/);
        const lines = terminal.trimEnd().split('\n');
        expect(lines.length).toBeLessThanOrEqual(30);
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(78);
      }
    });
  }
});
