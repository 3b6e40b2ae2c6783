import { existsSync, readFileSync } from 'node:fs';
import {
  analyseRun,
  toRunRecordAnalysis,
  weeklyTrends,
  type RunAnalysis,
  type RunRecord,
} from '@runcue/analysis';
import { decodeFit, type Activity } from '@runcue/fit';
import { describe, expect, it } from 'vitest';
import { coachRun } from '../src/coach-run.ts';
import { SOURCES } from '../src/sources.ts';

const corpus = new URL('../../../../shared/fit-corpus/', import.meta.url);
const reference = new URL('../../../../shared/reference/', import.meta.url);

/** Running files with cadence that decode cleanly, by the manifest. */
function runningFiles(): string[] {
  const manifest = new URL('MANIFEST.tsv', corpus);
  if (!existsSync(manifest))
    throw new Error('The FIT corpus is missing: expected ../shared/fit-corpus beside the repository.');
  const [header, ...rows] = readFileSync(manifest, 'utf8').trim().split('\n');
  const cols = (header ?? '').split('\t');
  const at = (name: string): number => cols.indexOf(name);
  return rows
    .map((r) => r.split('\t'))
    .filter(
      (c) =>
        c[at('sport')] === 'running' && c[at('has_cadence')] === 'yes' && c[at('decode_status')] === 'ok',
    )
    .map((c) => c[at('path')] ?? '');
}

const runs: Array<{ file: string; activity: Activity; analysis: RunAnalysis }> = [];
for (const file of runningFiles()) {
  try {
    const activity = decodeFit(new Uint8Array(readFileSync(new URL(file, corpus))));
    runs.push({ file, activity, analysis: analyseRun(activity) });
  } catch {
    // Files the decoder refuses are the fit package's concern; coaching needs an analysis.
  }
}

describe('coaching real corpus runs', () => {
  it('has enough real runs to say something', () => {
    expect(runs.length).toBeGreaterThanOrEqual(15);
  });

  it('gives 1-3 sourced cues per run, with an incremental cadence target', () => {
    const fired = new Map<string, number>();
    for (const { file, activity, analysis } of runs) {
      const advice = coachRun({
        analysis,
        trends: null,
        pain: [],
        profile: { thresholdSpm: 170, units: 'km' },
        shoe: null,
        history: { recentCues: [] },
        now: activity.startTime,
      });
      expect(advice.cues.length, file).toBeLessThanOrEqual(3);
      if (analysis.isRun) expect(advice.cues.length, file).toBeGreaterThanOrEqual(1);
      for (const cue of advice.cues) {
        fired.set(cue.id, (fired.get(cue.id) ?? 0) + 1);
        expect(cue.message.length, file).toBeGreaterThan(20);
        for (const s of cue.source)
          if (s !== SOURCES.general) expect(existsSync(new URL(s, reference)), `${file}: ${s}`).toBe(true);
        if (cue.id === 'cadence-low') {
          const median = analysis.cadence.medianSpm ?? Number.NaN;
          const target = Number(cue.metrics['targetSpm']);
          expect(target, file).toBeGreaterThanOrEqual(median * 1.03);
          expect(target, file).toBeLessThanOrEqual(Math.min(180, median * 1.07));
        }
      }
    }
    console.log(`coached ${runs.length} corpus runs; cues fired:`, Object.fromEntries(fired));
    expect(fired.size).toBeGreaterThanOrEqual(2);
  });

  it('weekly trends over the corpus runs account for every metre of the window', () => {
    const records: RunRecord[] = runs.map(({ file, activity, analysis }) => ({
      activityId: file,
      startTime: activity.startTime,
      localOffsetS: activity.localOffsetS,
      distanceM: analysis.summary.distanceM,
      runningTimeS: analysis.summary.runningTimeS,
      shoeId: null,
      analysis: toRunRecordAnalysis(analysis),
    }));
    const times = records.map((r) => Date.parse(r.startTime)).sort((a, b) => a - b);
    const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 86_400_000;
    const weeks = Math.ceil(span / 7) + 2; // one spare week at each edge for the time-zone shift
    const lastDay = new Date((times.at(-1) ?? 0) + 7 * 86_400_000).toISOString().slice(0, 10);
    const trends = weeklyTrends(records, [], {
      weekOf: lastDay,
      timeZone: 'Europe/Berlin',
      weeks,
      thresholdSpm: 170,
    });
    expect(trends.skipped).toEqual([]);
    expect(trends.weeks.reduce((s, w) => s + w.runCount, 0)).toBe(records.length);
    const total = records.reduce((s, r) => s + r.distanceM, 0);
    expect(trends.weeks.reduce((s, w) => s + w.distanceM, 0)).toBeCloseTo(total, 3);
    console.log(`${records.length} runs over ${weeks} weeks, ${(total / 1000).toFixed(1)} km`);
  });
});
