import { existsSync, readFileSync } from 'node:fs';
import { analyseRun, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, isFitError } from '@runcue/fit';
import { describe, expect, it } from 'vitest';

const corpus = new URL('../../../shared/fit-corpus/', import.meta.url);
const manifestUrl = new URL('MANIFEST.tsv', corpus);

/** Running files of the shared corpus, by the manifest's sport column. */
function runningFiles(): string[] {
  if (!existsSync(manifestUrl))
    throw new Error('The FIT corpus is missing: expected ../shared/fit-corpus beside the repository.');
  const [header, ...rows] = readFileSync(manifestUrl, 'utf8').trim().split('\n');
  const cols = (header ?? '').split('\t');
  const path = cols.indexOf('path');
  const sport = cols.indexOf('sport');
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => c[sport] === 'running')
    .map((c) => c[path] ?? '');
}

/** Every number in the analysis, with its JSON path. */
function numbers(value: unknown, path = ''): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

const files = runningFiles();

describe('analyseRun over the running files of the corpus', () => {
  it.each(files)('%s: no throw, every figure finite or null', (file) => {
    const bytes = new Uint8Array(readFileSync(new URL(file, corpus)));
    let activity;
    try {
      activity = decodeFit(bytes);
    } catch (error) {
      // Undecodable files are the decoder's concern; it must say why with a code.
      expect(isFitError(error)).toBe(true);
      return;
    }
    const a: RunAnalysis = analyseRun(activity);
    for (const [path, n] of numbers(a)) expect(Number.isFinite(n), `${path} = ${n}`).toBe(true);
    const shares = a.cadence.bands;
    if (shares)
      expect(shares.below160 + shares.from160to170 + shares.from170to180 + shares.above180).toBeCloseTo(1, 6);
    expect(a.summary.movingTimeS).toBeLessThanOrEqual(a.summary.elapsedS + 1);
  });
});
