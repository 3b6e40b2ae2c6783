export * from './cue.ts';
export * from './pain-entry.ts';
export * from './coach-input.ts';
export * from './coach-error.ts';
export * from './coach-run.ts';
export * from './coach-week.ts';
export * from './coach-pain.ts';
export * from './advice-items.ts';
export * from './cadence-baseline.ts';
export * from './sources.ts';
export * from './recovery-catalogue.ts';
export * from './cue-history.ts';
export type { Finding } from './finding.ts';
export { cadenceTarget, CADENCE_CEILING_SPM, CADENCE_STEP } from './rules/cadence-target.ts';
export { cadenceLow } from './rules/cadence-low.ts';
export { formDecay, FUEL_MIN_MOVING_S } from './rules/form-decay.ts';
export { paceDrift, PACE_DRIFT_FLAG_PERCENT, DECOUPLING_FLAG_PERCENT } from './rules/pace-drift.ts';
export {
  loadRamp,
  LOAD_MIN_CHRONIC_WEEKLY_M,
  LOAD_MIN_INCREASE_M,
  LOAD_MIN_WEEKS_WITH_RUNS,
} from './rules/load-ramp.ts';
export { shoeMileage, SHOE_REPLACE_M, SHOE_WARN_DEFAULT_M } from './rules/shoe-mileage.ts';
export { painState, type PainState } from './rules/pain-state.ts';
export { PAIN_STOP_SCORE, PAIN_SEVERE_SCORE, FLARE_UP_HOURS } from './rules/pain-window.ts';
