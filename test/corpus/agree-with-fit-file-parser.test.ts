import FitParser from 'fit-file-parser';
import { describe, expect, it } from 'vitest';
import { decodeFit } from '@runcue/fit';
import type { Activity } from '@runcue/fit';
import { readCorpusFile, readManifest } from './manifest.ts';

/**
 * Record-by-record agreement with an independent reader. fit-file-parser is asked for SI units
 * (m/s, m, °C); it reports running cadence per leg (strides/min) with fractional_cadence apart,
 * so our steps/min must equal 2 × (cadence + fractional_cadence).
 */
const running = readManifest().filter(
  (r) => r.file_type === 'activity' && r.sport.split('+').includes('running'),
);

/** Files where the two readers disagree, and why; each reason is checked below. */
const disagreements: Record<
  string,
  { reason: string; check: (ours: Activity, theirs: Rec[] | null) => void }
> = {
  'python-fitparse/activity-activity-filecrc.fit': {
    reason: 'fit-file-parser stops after the first chained segment; we read both',
    check: (ours, theirs) => expect([ours.samples.length, theirs?.length]).toEqual([28, 14]),
  },
  'python-fitparse/activity-unexpected-eof.fit': {
    reason: 'the file is truncated; fit-file-parser refuses it, we salvage the readable records',
    check: (ours, theirs) =>
      expect([theirs, ours.integrity, ours.samples.length > 0]).toEqual([null, 'truncated', true]),
  },
  'elevate/treadmill.fit': {
    reason:
      'the watch and a Stryd pod both write stance time and vertical oscillation; we take one source ' +
      'for the whole run (the pod, which covers every record), fit-file-parser shows the watch where it wrote',
    check: (ours, theirs) => {
      const recs = theirs ?? [];
      const s = ours.samples;
      expect(s.length).toBe(recs.length);
      const mismatches = recs.filter((r, i) => {
        const vo = n(r, 'Vertical Oscillation'); // Stryd writes centimetres
        const gt = n(r, 'Ground Time');
        return (
          vo === null ||
          gt === null ||
          !close(s.verticalOscillation[i], vo * 10, 0.05) ||
          !close(s.stanceTime[i], gt, 0.05)
        );
      });
      expect([recs.length > 0, mismatches.length]).toEqual([true, 0]);
    },
  },
  'python-fitparse/strava-android-app-201.10-b1218918.fit': {
    reason: 'the file is truncated; fit-file-parser refuses it, we salvage the readable records',
    check: (ours, theirs) =>
      expect([theirs, ours.integrity, ours.samples.length > 0]).toEqual([null, 'truncated', true]),
  },
};

type Rec = Record<string, unknown>;

async function parseTheirs(bytes: Uint8Array): Promise<Rec[] | null> {
  const parser = new FitParser({
    force: true,
    mode: 'list',
    speedUnit: 'm/s',
    lengthUnit: 'm',
    temperatureUnit: 'celsius',
  });
  try {
    const data = await parser.parseAsync(Buffer.from(bytes));
    return (data.records ?? []) as Rec[];
  } catch {
    return null;
  }
}

const n = (r: Rec, k: string): number | null =>
  typeof r[k] === 'number' && Number.isFinite(r[k]) ? r[k] : null;

function close(ours: number | undefined, theirs: number | null, tol: number): boolean {
  if (theirs === null) return true; // compared only where the independent reader has a value
  return ours !== undefined && Math.abs(ours - theirs) <= tol;
}

describe('channels agree with fit-file-parser on every running file', () => {
  it('finds running files', () => expect(running.length).toBeGreaterThan(30));

  for (const row of running) {
    it(row.path, async () => {
      const bytes = readCorpusFile(row.path);
      const ours = decodeFit(bytes);
      const theirs = await parseTheirs(bytes);
      const known = disagreements[row.path];
      if (known) {
        known.check(ours, theirs);
        return;
      }
      expect(theirs).not.toBeNull();
      const recs = theirs ?? [];
      expect(ours.samples.length).toBe(recs.length);
      const single = row.sport === 'running';
      const s = ours.samples;
      const start = Date.parse(ours.startTime);
      const bad: string[] = [];
      recs.forEach((r, i) => {
        const ts = r.timestamp instanceof Date ? r.timestamp.getTime() : null;
        const t = s.time[i] ?? NaN;
        if (ts !== null && !(Math.abs(start + t * 1000 - ts) < 1 || t === s.time[i - 1]))
          bad.push(`#${i} time`);
        if (!close(s.distance[i], n(r, 'distance'), 0.01)) bad.push(`#${i} distance`);
        if (!close(s.speed[i], n(r, 'enhanced_speed') ?? n(r, 'speed'), 0.002)) bad.push(`#${i} speed`);
        const hr = n(r, 'heart_rate');
        if (hr !== null && hr > 0 && !close(s.heartRate[i], hr, 0)) bad.push(`#${i} heartRate`);
        const cad = n(r, 'cadence');
        if (
          single &&
          cad !== null &&
          !close(s.cadence[i], 2 * (cad + (n(r, 'fractional_cadence') ?? 0)), 0.01)
        )
          bad.push(`#${i} cadence`);
        if (!close(s.verticalOscillation[i], n(r, 'vertical_oscillation'), 0.05))
          bad.push(`#${i} verticalOscillation`);
        if (!close(s.stanceTime[i], n(r, 'stance_time'), 0.05)) bad.push(`#${i} stanceTime`);
        if (!close(s.stepLength[i], n(r, 'step_length'), 0.05)) bad.push(`#${i} stepLength`);
      });
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});
