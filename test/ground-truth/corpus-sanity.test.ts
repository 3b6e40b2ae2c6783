import { readFileSync } from 'node:fs';
import { analyseRun, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, isFitError, type Activity } from '@runcue/fit';
import { describe, expect, it } from 'vitest';

/**
 * Every corpus file that says it is (partly) a run, decoded and analysed, then held to what a run
 * can be: figures a careful reader would reject on sight (a pace no human runs, more moving time
 * than elapsed, a decay onset beyond the end of the run, a run longer than the device's own run
 * sessions) fail here, whichever device wrote the file.
 */
const corpus = new URL('../../../shared/fit-corpus/', import.meta.url);

function manifestRuns(): string[] {
  const text = readFileSync(new URL('MANIFEST.tsv', corpus), 'utf8').trim();
  const [header, ...rows] = text.split('\n');
  const cols = (header ?? '').split('\t');
  const path = cols.indexOf('path');
  const sport = cols.indexOf('sport');
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => (c[sport] ?? '').split('+').includes('running'))
    .map((c) => c[path] ?? '');
}

function load(file: string): { activity: Activity; analysis: RunAnalysis } | null {
  try {
    const activity = decodeFit(new Uint8Array(readFileSync(new URL(file, corpus))));
    return { activity, analysis: analyseRun(activity) };
  } catch (error) {
    if (isFitError(error)) return null;
    throw error;
  }
}

const files = manifestRuns();

describe('corpus-wide sanity of run figures', () => {
  it('finds the running files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s', (file) => {
    const loaded = load(file);
    if (loaded === null) return; // the decoder's refusal is tested with its code elsewhere
    const { activity, analysis: a } = loaded;
    const s = a.summary;
    if (!a.isRun) {
      // A file that says running but is not analysed as a run must say why.
      expect(a.notRunReason ?? '').toMatch(/\w/);
      return;
    }
    expect(s.movingTimeS).toBeLessThanOrEqual(s.elapsedS + 1);
    expect(s.runningTimeS).toBeLessThanOrEqual(s.movingTimeS + 1e-6);
    expect(s.distanceM).toBeGreaterThanOrEqual(0);
    if (s.distanceM > 1000 && s.paceSPerKm !== null) {
      // 2:30 to 20:00 per km over moving time: from faster than any runner to a slow hike.
      expect(s.paceSPerKm).toBeGreaterThanOrEqual(150);
      expect(s.paceSPerKm).toBeLessThanOrEqual(1200);
    }
    const runs = activity.sessions.filter((x) => x.sport === 'running');
    const sessionDistance = runs.reduce((q, x) => q + (x.distanceM ?? NaN), 0);
    if (activity.integrity === 'ok' && Number.isFinite(sessionDistance) && sessionDistance > 200) {
      // The run's distance agrees with the device's own run sessions (never the whole multisport file).
      expect(Math.abs(s.distanceM - sessionDistance)).toBeLessThanOrEqual(
        Math.max(50, 0.02 * sessionDistance),
      );
    }
    const sessionTimer = runs.reduce((q, x) => q + (x.totalTimerS ?? NaN), 0);
    const recordsEnd = Math.max(...Array.from(activity.samples.time).filter(Number.isFinite));
    const sessionsEnd = Math.max(...runs.map((x) => x.endElapsedS));
    if (Number.isFinite(sessionTimer) && sessionTimer > 300 && recordsEnd <= sessionsEnd + 60) {
      expect(s.movingTimeS).toBeLessThanOrEqual(sessionTimer * 1.02 + 5);
    }
    const onset = a.formDecay.onset;
    if (onset) {
      expect(onset.elapsedS).toBeGreaterThanOrEqual(0);
      expect(onset.elapsedS).toBeLessThanOrEqual(s.elapsedS);
      if (onset.distanceM !== null) expect(onset.distanceM).toBeLessThanOrEqual(s.distanceM + 1);
    }
    for (const w of [a.formDecay.referenceWindow, a.formDecay.lateWindow]) {
      if (!w) continue;
      expect(w.startElapsedS).toBeGreaterThanOrEqual(-1);
      expect(w.endElapsedS).toBeLessThanOrEqual(s.elapsedS + 1);
    }
    for (const stretch of a.cadence.stretchesBelow) {
      expect(stretch.endElapsedS).toBeLessThanOrEqual(s.elapsedS + 1);
      if (stretch.startDistanceM !== null)
        expect(stretch.startDistanceM).toBeLessThanOrEqual(s.distanceM + 1);
    }
    if (a.cadence.medianSpm !== null) {
      expect(a.cadence.medianSpm).toBeGreaterThanOrEqual(120);
      expect(a.cadence.medianSpm).toBeLessThanOrEqual(230);
    }
    if (s.avgHeartRate !== null) {
      expect(s.avgHeartRate).toBeGreaterThanOrEqual(40);
      expect(s.avgHeartRate).toBeLessThanOrEqual(220);
    }
    if (a.paceDrift.eligible) expect(Math.abs(a.paceDrift.percent ?? 99)).toBeLessThanOrEqual(25);
    else expect(a.paceDrift.reason ?? '').toMatch(/\w/);
    if (a.decoupling.eligible) expect(Math.abs(a.decoupling.percent ?? 99)).toBeLessThanOrEqual(30);
    else expect(a.decoupling.reason ?? '').toMatch(/\w/);
    if (s.elevationGainM !== null && s.distanceM > 1000)
      expect(s.elevationGainM).toBeLessThanOrEqual(0.25 * s.distanceM);
  });
});
