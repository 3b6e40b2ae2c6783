export * from './activity.ts';
export { encodeCadenceWorkout, WorkoutEncodeError } from './encode-workout.ts';
export type { CadenceWorkout } from './encode-workout.ts';
