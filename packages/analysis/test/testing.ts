/**
 * The one hand-built `RunAnalysis` for tests: a clean 10 km run at 172 spm with nothing wrong,
 * shaped per test by a few named knobs (cadence, decay, drift, decoupling) and, for anything else,
 * by overriding fields of a section. Tests that need figures an analysis of a real file would give
 * decode a file and call `analyseRun` instead.
 */
import { ANALYSIS_VERSION, type RunAnalysis } from '../src/index.ts';

export { seededRandom } from '../src/test-activity.ts';

type Section<K extends keyof RunAnalysis> = Partial<RunAnalysis[K]>;

export interface RunShape {
  isRun?: boolean;
  distanceM?: number;
  /** Median cadence; null when the run has no cadence (default 172). */
  medianSpm?: number | null;
  /** Share of running time below the threshold (default 0.2). */
  shareBelow?: number | null;
  /** Form decay from `onsetDistanceM` on, by these changes; null or absent: no decay. */
  decay?: { onsetDistanceM: number; cadencePercent: number; stanceTimePercent?: number } | null;
  driftPercent?: number | null;
  decouplingPercent?: number | null;
  /** Fields of a section to set as given, after the knobs above. */
  summary?: Section<'summary'>;
  cadence?: Section<'cadence'>;
  paceDrift?: Section<'paceDrift'>;
  decoupling?: Section<'decoupling'>;
  formDecay?: Omit<Section<'formDecay'>, 'deltas'> & { deltas?: Partial<RunAnalysis['formDecay']['deltas']> };
}

export function runAnalysis(shape: RunShape = {}): RunAnalysis {
  const distanceM = shape.distanceM ?? 10_000;
  const decay = shape.decay ?? null;
  const decoupling = shape.decouplingPercent ?? null;
  const drift = shape.driftPercent ?? null;
  const base: RunAnalysis = {
    version: ANALYSIS_VERSION,
    isRun: shape.isRun ?? true,
    summary: {
      distanceM,
      movingTimeS: 3000,
      elapsedS: 3050,
      runningTimeS: 2990,
      walkTimeS: 10,
      paceSPerKm: 300,
      avgHeartRate: 148,
      maxHeartRate: 168,
      elevationGainM: 20,
      elevationLossM: 20,
    },
    cadence: {
      medianSpm: shape.medianSpm === undefined ? 172 : shape.medianSpm,
      meanSpm: 171,
      thresholdSpm: 170,
      shareBelowThreshold: shape.shareBelow === undefined ? 0.2 : shape.shareBelow,
      bands: null,
      stretchesBelow: [],
      speedSlopeSpmPerMps: 4,
      coveredS: 2990,
    },
    paceDrift: {
      percent: drift ?? 1,
      secondsPerKm: drift === null ? 3 : drift * 3,
      firstHalfGasMps: 3.3,
      secondHalfGasMps: 3.27,
      warmupTrimS: 300,
      gradeAdjusted: true,
      gradeTrusted: true,
      variabilityPercent: 3,
      eligible: true,
      reason: null,
      rawPercent: 1.2,
    },
    decoupling: {
      percent: decoupling ?? 2,
      rating: decoupling === null ? 'good' : decoupling > 10 ? 'high' : decoupling >= 5 ? 'moderate' : 'good',
      eligible: true,
      reason: null,
      firstHalfEf: 0.022,
      secondHalfEf: 0.0215,
    },
    formDecay: {
      detected: decay !== null,
      onset: decay === null ? null : { elapsedS: 2200, distanceM: decay.onsetDistanceM },
      deltas: {
        cadenceSpm: decay === null ? -1 : -5,
        cadencePercent: decay === null ? -0.5 : decay.cadencePercent,
        stanceTimeMs: null,
        stanceTimePercent: decay?.stanceTimePercent ?? null,
        verticalOscillationMm: null,
        verticalRatioPercent: null,
        stepLengthMm: null,
        stanceTimeBalancePercent: null,
      },
      reasons: decay === null ? [] : ['cadence'],
      referenceWindow: null,
      lateWindow: null,
      channels: ['cadence'],
      comparable: true,
      finish: null,
      reason: null,
    },
  };
  return {
    ...base,
    summary: { ...base.summary, ...shape.summary },
    cadence: { ...base.cadence, ...shape.cadence },
    paceDrift: { ...base.paceDrift, ...shape.paceDrift },
    decoupling: { ...base.decoupling, ...shape.decoupling },
    formDecay: {
      ...base.formDecay,
      ...shape.formDecay,
      deltas: { ...base.formDecay.deltas, ...shape.formDecay?.deltas },
    },
  };
}
