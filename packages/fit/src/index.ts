export * from './activity.ts';
export { decodeFit, DEFAULT_MAX_BYTES } from './decode-fit.ts';
export type { DecodeFitOptions } from './decode-fit.ts';
export { FitError, isFitError, fitErrorCodes } from './fit-error.ts';
export type { FitErrorCode } from './fit-error.ts';
export { ALREADY_STEPS_MEDIAN, strideToStepFactor } from './running-cadence.ts';
export { encodeCadenceWorkout, WorkoutEncodeError, workoutErrorCodes } from './encode-workout.ts';
export type { CadenceWorkout } from './encode-workout.ts';
