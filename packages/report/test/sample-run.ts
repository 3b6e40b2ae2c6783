import type { RunAnalysis } from '@runcue/analysis';
import { runAnalysis } from '@runcue/analysis/testing';
import type { Cue, RecoverySuggestion } from '@runcue/coach';
import { channelNames, type Activity, type ChannelName } from '@runcue/fit';
import { activityOf } from '@runcue/fit/testing';

/**
 * A synthetic 10 km run in 50:00 (5:00 /km) for report tests and previews: cadence about 172 spm
 * that falls to about 163 spm from 35:00 (70% of the run), heart rate rising from 140 to 158 bpm.
 * The analysis is hand-built to match it; the report only formats what it is given.
 */

/** Deterministic noise in [-1, 1] so tests never depend on Math.random. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

export function sampleActivity(options: { durationS?: number; withCadence?: boolean } = {}): Activity {
  const n = options.durationS ?? 3000;
  const ch = Object.fromEntries(channelNames.map((c) => [c, new Float64Array(n).fill(Number.NaN)])) as Record<
    ChannelName,
    Float64Array
  >;
  for (let i = 0; i < n; i++) {
    ch.time[i] = i;
    ch.speed[i] = 10000 / 3000;
    ch.distance[i] = (i * 10000) / 3000;
    ch.altitude[i] = 50 + 10 * Math.sin(i / 300);
    ch.heartRate[i] = 140 + (18 * i) / n;
    if (options.withCadence !== false) ch.cadence[i] = (i < 0.7 * n ? 172 : 163) + 2 * noise(i);
  }
  return activityOf(
    { length: n, ...ch },
    {
      fileId: {
        manufacturer: 'garmin',
        product: 'fr255',
        serialNumber: 1,
        timeCreated: '2026-11-22T07:15:00.000Z',
      },
      startTime: '2026-11-22T07:15:00.000Z',
      device: { manufacturer: 'garmin', product: 'fr255', softwareVersion: 1 },
      timerEvents: [
        { elapsedS: 0, kind: 'start' },
        { elapsedS: n, kind: 'stop' },
      ],
    },
  );
}

/** The analysis of `sampleActivity()`, by hand: the report only formats what it is given. */
export function sampleAnalysis(): RunAnalysis {
  return runAnalysis({
    medianSpm: 171.4,
    shareBelow: 0.312,
    driftPercent: 3.4,
    decouplingPercent: 6.3,
    decay: { onsetDistanceM: 7017, cadencePercent: -5.1 },
    summary: {
      elapsedS: 3000,
      runningTimeS: 3000,
      walkTimeS: 0,
      avgHeartRate: 149.2,
      maxHeartRate: 161,
      elevationGainM: 86.4,
      elevationLossM: 85.9,
    },
    cadence: {
      meanSpm: 169.3,
      bands: { below160: 0.02, from160to170: 0.29, from170to180: 0.66, above180: 0.03 },
      stretchesBelow: [
        { startElapsedS: 2110, endElapsedS: 2990, startDistanceM: 7033, durationS: 880, medianSpm: 163.2 },
      ],
      speedSlopeSpmPerMps: 4.1,
      coveredS: 3000,
    },
    paceDrift: { secondsPerKm: 10.6, firstHalfGasMps: 3.39 },
    decoupling: { firstHalfEf: 0.0236, secondHalfEf: 0.0221 },
    formDecay: {
      onset: { elapsedS: 2105, distanceM: 7017 },
      deltas: { cadenceSpm: -8.7 },
      referenceWindow: { startElapsedS: 300, endElapsedS: 840 },
      lateWindow: { startElapsedS: 2400, endElapsedS: 3000 },
    },
  });
}

export function sampleCues(): Cue[] {
  return [
    {
      id: 'form-decay',
      kind: 'training',
      severity: 'advice',
      message: 'From about 35 minutes in, run tall for 20 seconds every kilometre & keep your hips level.',
      reason: 'Cadence fell 8.7 spm (5.1%) in the last 20% of the run, past the 3% line.',
      metrics: { cadenceDeltaSpm: -8.7 },
      source: ['003_ee1f8b417e742fc5.txt', '000_af33d964abba3345.txt'],
      level: 2,
    },
    {
      id: 'cadence-low',
      kind: 'training',
      severity: 'warning',
      message:
        'Aim for about 176 spm on easy runs with a metronome; take shorter steps that land under your hips.',
      reason: '31% of running time was below 170 spm.',
      metrics: { shareBelow: 0.312 },
      source: ['003_ee1f8b417e742fc5.txt'],
      level: 1,
    },
  ];
}

export function sampleRecovery(): RecoverySuggestion[] {
  return [
    {
      id: 'core-endurance',
      title: 'Core and glute endurance',
      exercises: [
        { name: 'Dead bugs', dose: '3 × 10 per side' },
        { name: 'Glute bridges with band', dose: '3 × 12' },
      ],
      reason: 'Form faded late in the run; holding the pelvis level when tired is trainable.',
      source: ['003_ee1f8b417e742fc5.txt'],
    },
  ];
}
