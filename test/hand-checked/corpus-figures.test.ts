import { existsSync, readFileSync } from 'node:fs';
import { analyseRun, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, type Activity } from '@runcue/fit';
import { describe, expect, it } from 'vitest';

/**
 * Figures for three corpus runs, worked out by hand once and written down here with how they were
 * reached. The raw numbers come from a record dump of each file made with the Garmin SDK's
 * Decoder (scaled fields, no merging) and cross-read with fit-file-parser (same last distance,
 * same timer events); the figures were then computed with awk straight from the definitions in
 * DESIGN.md, not with our code:
 * - a record stands for the time since the previous one, clipped to the timer-running intervals
 *   (start → stop/stopAll event pairs) and capped at 12 s; the first record stands for nothing;
 * - cadence in steps/min = 2 × (cadence + fractional_cadence);
 * - moving = speed ≥ 1.0 m/s or cadence ≥ 120; walking = moving with cadence < 130 and speed < 2.2;
 * - medians and means are weighted by that time; halves are halves of running time after a
 *   warm-up trim of min(600 s, 10 % of running time);
 * - grade: 30-s centred mean of altitude, rise across ±30 m of distance; Minetti Cr(i).
 * Where our figure disagrees with the hand figure and the hand figure is right, the assertion is
 * `it.fails` and names the bug, so this file documents it until it is fixed.
 */

const corpus = new URL('../../../shared/fit-corpus/', import.meta.url);
const loaded = new Map<string, { activity: Activity; analysis: RunAnalysis }>();

function run(path: string): { activity: Activity; analysis: RunAnalysis } {
  const hit = loaded.get(path);
  if (hit) return hit;
  const url = new URL(path, corpus);
  if (!existsSync(url))
    throw new Error(
      `The FIT corpus is missing ${path}: expected ../shared/fit-corpus beside the repository.`,
    );
  const activity = decodeFit(new Uint8Array(readFileSync(url)));
  const result = { activity, analysis: analyseRun(activity) };
  loaded.set(path, result);
  return result;
}

describe('ActivityLog2/920xt-run.fit: Forerunner 920XT, HRM-Run dynamics, 66 min on the flat', () => {
  const file = 'ActivityLog2/920xt-run.fit';

  it('distance, moving time and pace', () => {
    const { activity, analysis } = run(file);
    expect(activity.integrity).toBe('ok');
    expect(activity.sensors).toMatchObject({ heartRate: 'strap', runningDynamics: 'native', gps: true });
    // 658 records (smart recording, ~6 s apart). First record distance 0, last 12579.16 m;
    // session.total_distance 12579.16 m → distanceM 12579.16 ± 0.5.
    expect(analysis.summary.distanceM).toBeCloseTo(12579.16, 0);
    // One timer interval: start 788737092 → stopAll 788741059 = 3967 s (session total_timer_time
    // 3967.026). The record at +1 s has speed 0.355 m/s and cadence 59 strides (118 spm): not
    // moving, so 1 s drops out → moving 3966 s, all of it running, no walking.
    expect(analysis.summary.elapsedS).toBeCloseTo(3967, 0);
    expect(analysis.summary.movingTimeS).toBeCloseTo(3966, 0);
    expect(analysis.summary.walkTimeS).toBe(0);
    // 3966 s / 12.57916 km = 315.28 s/km (5:15 /km).
    expect(analysis.summary.paceSPerKm).toBeCloseTo(315.28, 1);
    // Time-weighted HR over the 3966 moving seconds: 155.08; the session says avg 155, max 165.
    expect(analysis.summary.avgHeartRate).toBeCloseTo(155.08, 1);
    expect(analysis.summary.maxHeartRate).toBe(165);
  });

  it('cadence: median 167 spm, 79 % of running time below 170', () => {
    const { analysis } = run(file);
    // Records hold cadence 82–88 strides with fractional_cadence 0 or 0.5, so steps/min are whole
    // numbers. Weighted median over the 3966 running seconds = 167 exactly. 3127 s are below 170:
    // 3127 / 3966 = 0.7885. Weighted mean 167.36; the session's avg_running_cadence 83 +
    // avg_fractional_cadence 0.664 = 83.664 strides = 167.33 spm agrees within 0.1.
    expect(analysis.cadence.medianSpm).toBe(167);
    expect(analysis.cadence.shareBelowThreshold).toBeCloseTo(3127 / 3966, 3);
    expect(analysis.cadence.meanSpm).toBeCloseTo(167.36, 1);
    expect(Math.abs((analysis.cadence.meanSpm ?? 0) - 167.33)).toBeLessThan(0.1);
  });

  it('pace drift and decoupling on a flat run', () => {
    const { analysis } = run(file);
    // Trim 396.6 s (10 % of 3966 < 600). Halves split at 2181.3 s of running time. Raw speed
    // 3.2010 m/s (1785 s) then 3.2266 m/s (1787 s): the second half is 0.80 % faster. Mean grade
    // is −0.0001 in both halves, so grade adjustment changes little: GAS 3.2011 → 3.2256,
    // drift −0.766 % (−2.37 s/km).
    expect(analysis.paceDrift.warmupTrimS).toBeCloseTo(396.6, 1);
    expect(analysis.paceDrift.rawPercent).toBeCloseTo(-0.801, 2);
    expect(analysis.paceDrift.percent).toBeCloseTo(-0.766, 2);
    expect(analysis.paceDrift.secondsPerKm).toBeCloseTo(-2.37, 1);
    // 66 min of running with a strap: eligible. HR 155.56 then 158.95 bpm; EF 0.02058 → 0.02029:
    // (EF1 − EF2)/EF1 = 1.38 % → good (< 5 %).
    expect(analysis.decoupling.eligible).toBe(true);
    expect(analysis.decoupling.percent).toBeCloseTo(1.381, 2);
    expect(analysis.decoupling.rating).toBe('good');
  });

  it('late-run form decay: cadence, stance time and vertical oscillation all worse', () => {
    const { analysis } = run(file);
    // Reference window: running time (396.6, 1189.8] s; late window: the last 793.2 s. Every sample
    // of both windows is within 10 % of the late median speed 3.21 m/s, so matching keeps them all.
    // Medians, reference → late: cadence 171 → 166 spm (−5, −2.92 %), stance 286 → 293 ms
    // (+7, +2.45 %), vertical oscillation 67.2 → 74.0 mm (+6.8). Neither the 3 % cadence nor the
    // 4 % stance rule fires, but the reference spread (1.4826 × MAD: cadence 1.48 spm,
    // stance 4.45 ms, VO 2.97 mm) is smaller than each change, so three channels moved the wrong
    // way beyond their noise → decay detected on all three.
    const { formDecay } = analysis;
    expect(formDecay.deltas.cadenceSpm).toBe(-5);
    expect(formDecay.deltas.cadencePercent).toBeCloseTo((-5 / 171) * 100, 2);
    expect(formDecay.deltas.stanceTimeMs).toBe(7);
    expect(formDecay.deltas.verticalOscillationMm).toBeCloseTo(6.8, 1);
    expect(formDecay.speedMatched).toBe(true);
    expect(formDecay.detected).toBe(true);
    expect([...formDecay.reasons].sort()).toEqual(['cadence', 'stanceTime', 'verticalOscillation']);
  });

  // Regression (fixed: the ramp may no longer start inside the reference window). The
  // onset came out at 463 s / 1.38 km, inside the reference window that defines good form.
  // Mean per 3-min block of elapsed time: cadence 171.5–172 at 360–720 s and 169–170 up to
  // 1440 s, then 168.5, 167.9 and 166.8 by 1800–1980 s and ~166 after; vertical oscillation
  // 66–67 mm until 1440 s, then 68.0, 70.2, 71.9; stance 284–288 ms, then 291+ from 1620 s.
  // The form leaves its level between 1440 and 1800 s (≈ 4.5–5.6 km). The plateau–ramp–plateau
  // fit prefers one long ramp from bin 4 to bin 162 (463 → 2832 s) because the score also creeps
  // after 30 min; nothing keeps the ramp from starting inside the reference window.
  it('late-run form decay: onset between 22.5 and 30 minutes', () => {
    const { analysis } = run(file);
    const onset = analysis.formDecay.onset;
    // The hand figures are 3-minute block means, so the level's end is known to ±90 s: a ramp
    // may start up to half a block before 1440 s (the fix gives 1403 s, 23.4 min, 4.4 km).
    expect(onset?.elapsedS).toBeGreaterThanOrEqual(1440 - 90);
    expect(onset?.elapsedS).toBeLessThanOrEqual(1800);
  });

  // Regression (fixed in elevationChange): before the first turn the
  // hysteresis was measured from the start value only, so a dip followed by a climb that never
  // reaches start + 3 m is lost. Smoothed altitude (30-s centred mean) starts at 15.27 m, falls
  // to 14.10 m, climbs to 18.20 m and ends at 14.90 m: a 4.10 m climb and a 3.30 m descent, both
  // beyond the 3 m hysteresis; we report 0 and 0 (the watch's own session says 9 up, 11 down).
  it('elevation: the 4.1 m climb after the early dip is counted', () => {
    const { analysis } = run(file);
    expect(analysis.summary.elevationGainM).toBeCloseTo(4.1, 1);
    expect(analysis.summary.elevationLossM).toBeCloseTo(3.3, 1);
  });
});

describe('elevate/treadmill.fit: Forerunner 945 on a treadmill, no GPS, four timer intervals', () => {
  const file = 'elevate/treadmill.fit';

  it('no position, no altitude: distance from the watch, climb and grade unknown', () => {
    const { activity, analysis } = run(file);
    expect(activity.subSport).toBe('treadmill');
    expect(activity.sensors.gps).toBe(false);
    expect(activity.samples.lat.every((v) => Number.isNaN(v))).toBe(true);
    // Records carry enhanced_speed and distance but no position_lat and no altitude.
    // First record distance 0, last 10630.37 m = session.total_distance → 10630.37 ± 0.5.
    expect(analysis.summary.distanceM).toBeCloseTo(10630.37, 0);
    expect(analysis.summary.elevationGainM).toBeNull();
    expect(analysis.paceDrift.gradeAdjusted).toBe(false);
  });

  it('moving time leaves out standing on the belt', () => {
    const { analysis } = run(file);
    // Timer intervals from the events: 352 + 299 + 1000 + 1446 = 3097 s (session total_timer_time
    // 3097.789 s; elapsed 3763 s). Inside them, 154 s of records have speed 0 and cadence 0
    // (40, 59, 43 and 12 records: standing between repetitions), and 17 s are the belt speeding
    // up (cadence < 130 at < 2.2 m/s). Five more records (682–686 s) stand at speed 0 with a
    // cadence of 128 strides = 256 spm: beyond any human, so missing, so not moving (they counted
    // as running before cadence had a plausibility limit). Running 2921 s + walking 17 s = moving
    // 2938 s.
    expect(analysis.summary.elapsedS).toBeCloseTo(3763, 0);
    expect(analysis.summary.runningTimeS).toBeCloseTo(2921, 0);
    expect(analysis.summary.walkTimeS).toBeCloseTo(17, 0);
    expect(analysis.summary.movingTimeS).toBeCloseTo(2938, 0);
    // 2938 s / 10.63037 km = 276.38 s/km (4:36 /km).
    expect(analysis.summary.paceSPerKm).toBeCloseTo(276.38, 1);
    // Weighted over the moving seconds: 145.95 bpm (session avg over timer time 145), max 177.
    expect(analysis.summary.avgHeartRate).toBeCloseTo(145.95, 1);
    expect(analysis.summary.maxHeartRate).toBe(177);
  });

  it('cadence: median 178 spm, 29 % below 170', () => {
    const { analysis } = run(file);
    // 2 × (cadence + fractional_cadence) over the 2921 running seconds: median 178; 850 s below
    // 170 → 850 / 2921 = 0.2910. (The session's 82.82 strides = 165.6 spm averages the standing
    // zeros in too, so it is lower.)
    expect(analysis.cadence.medianSpm).toBe(178);
    expect(analysis.cadence.shareBelowThreshold).toBeCloseTo(850 / 2921, 3);
  });

  it('an interval session: halves measured, but no drift or decoupling claimed', () => {
    const { analysis } = run(file);
    // Trim 292.1 s; halves split at 1606.6 s of running time. Speed 3.41 then 4.04 m/s: the
    // runner got about 18 % faster (the rawPercent). But the session is four repetitions with
    // standing rests of 40–60 s and a 5-min break between the second and third: not one steady
    // effort, so neither pace drift nor decoupling is claimed (regression: this interval session
    // was given a drift of −18.3 % and a "good" decoupling of 2.4 %).
    expect(analysis.paceDrift.warmupTrimS).toBeCloseTo(292.1, 1);
    expect(analysis.paceDrift.rawPercent ?? 0).toBeLessThan(-15);
    expect(analysis.paceDrift.eligible).toBe(false);
    expect(analysis.paceDrift.percent).toBeNull();
    expect(analysis.paceDrift.reason).toMatch(/stopped for 5 min/);
    expect(analysis.decoupling.eligible).toBe(false);
    expect(analysis.decoupling.percent).toBeNull();
    expect(analysis.decoupling.reason).toMatch(/not one steady effort/);
  });
});

describe('Runalyze/Fenix-2-pauses.fit: Fenix 2 with six pauses', () => {
  const file = 'Runalyze/Fenix-2-pauses.fit';

  it('distance and elapsed time', () => {
    const { analysis } = run(file);
    // Last record distance 10545.27 m, first 0; session.total_distance 10546.9 m is 1.6 m more
    // (the lap closes after the last record). distanceM follows the records: 10545.27 ± 0.5, and
    // stays within 2 m of the session.
    expect(analysis.summary.distanceM).toBeCloseTo(10545.27, 0);
    expect(Math.abs(analysis.summary.distanceM - 10546.9)).toBeLessThan(2);
    // First record 781195608, last 781198654: 3046 s = session total_elapsed_time.
    expect(analysis.summary.elapsedS).toBeCloseTo(3046, 0);
  });

  it('pauses are not moving time', () => {
    const { activity, analysis } = run(file);
    expect(activity.timerEvents).toHaveLength(14);
    // Seven start → stopAll pairs: 267 + 184 + 973 + 1011 + 194 + 115 + 67 = 2811 s, of which the
    // records (ending 1 s before the last stop) cover 2810 s = session total_timer_time; the
    // 236 s of pauses are out. Of the 2810 s, 17 s are stopped with the timer on and 8 s walking:
    // running 2785 s, moving 2793 s → pace 2793 / 10.54527 = 264.86 s/km.
    expect(analysis.summary.runningTimeS).toBeCloseTo(2785, 0);
    expect(analysis.summary.movingTimeS).toBeCloseTo(2793, 0);
    expect(analysis.summary.paceSPerKm).toBeCloseTo(264.86, 1);
    // The session has no heart-rate fields; the records do: 140.73 bpm over moving time, max 152.
    expect(analysis.summary.avgHeartRate).toBeCloseTo(140.73, 1);
    expect(analysis.summary.maxHeartRate).toBe(152);
  });

  it('cadence without fractional_cadence: median 186 spm', () => {
    const { analysis } = run(file);
    // This file has no fractional_cadence field: steps = 2 × cadence. Median over the running
    // seconds 186 (session avg_running_cadence 93 strides = 186 spm); 3 s of 2785 below 170.
    expect(analysis.cadence.medianSpm).toBe(186);
    expect(analysis.cadence.shareBelowThreshold).toBeCloseTo(3 / 2785, 4);
  });

  it('climb from smoothed altitude with 3 m hysteresis, the barometer settling spike left out', () => {
    const { analysis } = run(file);
    // The barometer reads 223.8 m at 0 s, 256.8 m from 1 s to 4 s, 222.0 m at 5 s: those four
    // values are over 10 m from the median of their ±15 s and are left out (they made a 33-m
    // descent no one ran: loss was 40.60 m). 30-s centred mean altitude runs from 218.77 to
    // 239.57 m; with 3 m hysteresis it climbs 31.15 m and descends 32.33 m (recomputed apart from
    // the code; the watch's own session: 41 up, 39 down, by its own method).
    expect(analysis.summary.elevationGainM).toBeCloseTo(31.15, 1);
    expect(analysis.summary.elevationLossM).toBeCloseTo(32.33, 1);
  });

  it('grade adjustment turns a 1.5 % slowdown into 4.5 %: the first half climbed', () => {
    const { analysis } = run(file);
    // Trim 278.5 s; halves split at 1531.8 s of running time. Raw speed 3.7655 → 3.7095 m/s:
    // 1.49 % slower. Mean grade +0.36 % in the first half and −0.22 % in the second; at about
    // 5 % of cost per 1 % of grade (Cr′(0)/Cr(0) = 19.5/3.6) that is worth ~3 %: GAS 3.8416 →
    // 3.6670 m/s = 4.546 % slower, 12.40 s/km.
    expect(analysis.paceDrift.rawPercent).toBeCloseTo(1.487, 2);
    expect(analysis.paceDrift.percent).toBeCloseTo(4.546, 2);
    expect(analysis.paceDrift.secondsPerKm).toBeCloseTo(12.4, 1);
    // 46 min of running with HR: eligible. On GAS, EF 0.02658 → 0.02636: 0.83 % (on raw speed it
    // would be −2.34 %: HR fell from 144.50 to 139.09 bpm while the second half ran downhill).
    expect(analysis.decoupling.eligible).toBe(true);
    expect(analysis.decoupling.percent).toBeCloseTo(0.834, 2);
  });
});
