/**
 * Every threshold the single-run analysis uses, as one value that a caller can override per
 * athlete (`analyseRun(activity, { cadenceThresholdSpm: 165 })`). Defaults follow DESIGN.md.
 */
export interface AnalysisOptions {
  /** Cadence below this share of running time is "low" (steps/min). */
  cadenceThresholdSpm: number;
  /** A sample counts as moving when speed reaches this (m/s)... */
  minRunningSpeedMps: number;
  /** ...or cadence reaches this (steps/min)... */
  minRunningCadenceSpm: number;
  /** ...or, on a climb, grade-adjusted speed reaches `minRunningSpeedMps` while speed is at least this (m/s): hiking. */
  minHikingSpeedMps: number;
  /** A channel's last value holds over records that lack it for at most this long (s). */
  channelHoldS: number;
  /** Cadence above this is not a human's and counts as missing (steps/min). */
  maxCadenceSpm: number;
  /** Walking: cadence below this (steps/min)... */
  walkCadenceBelowSpm: number;
  /** ...while speed is below this (m/s). */
  walkSpeedBelowMps: number;
  /** A walking stretch at least this long counts as one walk break (s). */
  minWalkBreakS: number;
  /** A "run" whose median running speed is above this is not a run (m/s; the 10 000-m world record is 6.3). */
  maxRunningMedianSpeedMps: number;
  /** Distance that grows faster than this between two samples is a GPS glitch and does not count (m/s). */
  maxSpeedMps: number;
  /** A sample stands for at most this much time, so recording gaps do not count (s). */
  maxSampleIntervalS: number;
  /** Low-cadence stretches must last longer than this (s of running time). */
  minLowCadenceStretchS: number;
  /** Window of the rolling median that hides cadence flicker before finding stretches (s). */
  cadenceSmoothingS: number;
  /** Warm-up trim: the lesser of this (s)... */
  warmupMaxS: number;
  /** ...and this share of running time. */
  warmupShare: number;
  /** Pace drift needs at least this much running time (s). */
  minDriftRunningS: number;
  /** Steadiness: grade-adjusted speed is averaged over this much running time before its variability is measured (s). */
  steadySmoothingS: number;
  /** A run is steady when its smoothed grade-adjusted speed varies around its trend by at most this (% coefficient of variation). */
  maxSpeedVariabilityPercent: number;
  /** ...has no break (stop, walk or timer pause) after the warm-up longer than this (s)... */
  maxBreakS: number;
  /** ...and breaks after the warm-up add up to at most this share of running time. */
  maxBreakShare: number;
  /** Grade is trusted only when altitude covers at least this share of running time... */
  minAltitudeCoverage: number;
  /** ...its second-to-second noise (robust SD around the smoothed profile) is at most this (m)... */
  maxAltitudeNoiseM: number;
  /** ...and the smoothed profile never climbs or drops faster than this for a run (m/s). */
  maxVerticalSpeedMps: number;
  /** Grade-adjusted and raw drift that disagree in sign, each by more than this (points), are not trusted. */
  driftDisagreementPoints: number;
  /** Altitude below this is a sensor fault (m; the Dead Sea shore is at −430 m)... */
  minAltitudeM: number;
  /** ...and so is altitude above this (m; Everest is 8849 m). */
  maxAltitudeM: number;
  /** An altitude further than this from the median of its neighbours is a spike and is left out (m)... */
  maxAltitudeSpikeM: number;
  /** ...its neighbours being the values in this window centred on it (s). */
  altitudeSpikeWindowS: number;
  /** Window of the centred moving average over altitude (s). */
  altitudeSmoothingS: number;
  /** Distance over which grade is measured (m). */
  gradeWindowM: number;
  /** Elevation changes smaller than this are treated as noise (m). */
  elevationHysteresisM: number;
  /** Decoupling needs at least this much running time (s). */
  minDecouplingRunningS: number;
  /** ...and heart rate on at least this share of running time. */
  minHeartRateCoverage: number;
  /** Decoupling below this is rated good (%). */
  decouplingGoodBelowPercent: number;
  /** Decoupling above this is rated high (%). */
  decouplingHighAbovePercent: number;
  /** Form decay compares windows of this share of running time. */
  formWindowShare: number;
  /** Form decay needs at least this much running time (s). */
  minFormDecayRunningS: number;
  /** Decay when late cadence is at least this much lower (%). */
  cadenceDropPercent: number;
  /** Decay when late stance time is at least this much longer (%). */
  stanceTimeRisePercent: number;
  /** A channel "moved beyond its noise" when the change exceeds this many robust SDs of the reference window. */
  noiseFactor: number;
  /** Speed matching: samples within this share of the late window's median grade-adjusted speed. */
  speedMatchTolerance: number;
  /** Matched samples must keep at least this share of each window's running time. */
  minMatchedShare: number;
  /** The late and reference windows are comparable only when their median grades differ by at most this (fraction). */
  maxGradeDifference: number;
}

/** The DESIGN.md defaults. */
export const defaultAnalysisOptions: Readonly<AnalysisOptions> = Object.freeze({
  cadenceThresholdSpm: 170,
  minRunningSpeedMps: 1.0,
  minRunningCadenceSpm: 120,
  minHikingSpeedMps: 0.3,
  channelHoldS: 5,
  maxCadenceSpm: 250,
  walkCadenceBelowSpm: 130,
  walkSpeedBelowMps: 2.2,
  minWalkBreakS: 10,
  maxRunningMedianSpeedMps: 6.5,
  maxSpeedMps: 12.5,
  maxSampleIntervalS: 12,
  minLowCadenceStretchS: 60,
  cadenceSmoothingS: 30,
  warmupMaxS: 600,
  warmupShare: 0.1,
  minDriftRunningS: 15 * 60,
  steadySmoothingS: 60,
  maxSpeedVariabilityPercent: 8,
  maxBreakS: 180,
  maxBreakShare: 0.1,
  minAltitudeCoverage: 0.8,
  maxAltitudeNoiseM: 2,
  maxVerticalSpeedMps: 1.5,
  driftDisagreementPoints: 2,
  minAltitudeM: -500,
  maxAltitudeM: 9000,
  maxAltitudeSpikeM: 10,
  altitudeSpikeWindowS: 30,
  altitudeSmoothingS: 30,
  gradeWindowM: 60,
  elevationHysteresisM: 3,
  minDecouplingRunningS: 40 * 60,
  minHeartRateCoverage: 0.8,
  decouplingGoodBelowPercent: 5,
  decouplingHighAbovePercent: 10,
  formWindowShare: 0.2,
  minFormDecayRunningS: 20 * 60,
  cadenceDropPercent: 3,
  stanceTimeRisePercent: 4,
  noiseFactor: 1,
  speedMatchTolerance: 0.1,
  minMatchedShare: 0.3,
  maxGradeDifference: 0.02,
});

/** Fills the options a caller left out with the defaults. */
export function resolveAnalysisOptions(options: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return { ...defaultAnalysisOptions, ...options };
}
