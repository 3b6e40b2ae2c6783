import { codedErrors, type CodeOf } from '@runcue/errors';
import { Encoder, Profile } from '@garmin/fitsdk';
import type { FileIdMesg, WorkoutMesg, WorkoutStepMesg } from '@garmin/fitsdk';

/**
 * A cadence workout for the watch: warm-up, intervals at the target cadence with easy recoveries
 * between them, cool-down. Every step carries a cadence target range so the watch alerts when the
 * runner drifts out of it.
 */
export interface CadenceWorkout {
  /** Shown on the watch; the SDK truncates nothing, but watches show about 15 characters. */
  name: string;
  /** The cadence the intervals aim at, steps/min. */
  targetSpm: number;
  /** Half-width of the interval target range, steps/min (default 3: e.g. 167–173). */
  toleranceSpm?: number;
  /** The runner's current median, steps/min: warm-up, recoveries and cool-down aim at it. */
  currentSpm: number;
  warmupS?: number;
  intervalS?: number;
  recoveryS?: number;
  repeats?: number;
  cooldownS?: number;
  /** FIT file_id time_created; passed in, since this package reads no clock. */
  timeCreated: Date;
  /** file_id serial number: distinguishes workouts created in the same second. */
  serialNumber?: number;
}

/** Stable codes for workouts that cannot be encoded. */
export type WorkoutErrorCode = CodeOf<typeof WorkoutEncodeError>;

/** Thrown for workout parameters a watch cannot hold. */
export class WorkoutEncodeError extends codedErrors(['WORKOUT_INVALID']) {}

// Running cadence targets are written in steps per minute. The FIT profile names the unit "rpm"
// (it was defined for cycling, where one revolution is one cadence unit); Garmin Connect's run
// workouts show and export cadence targets in steps per minute and the watch compares them with
// its displayed run cadence, which is steps per minute. Writing strides/min (half) would put the
// target band at 85 "spm" on those watches and alert the whole run.
const RUN_CADENCE_UNIT = 'steps/min';

/**
 * Encodes a cadence workout as a FIT workout file (file_id type workout, one workout message and
 * its workout_step messages), ready to copy to a watch's GARMIN/NewFiles folder.
 */
export function encodeCadenceWorkout(w: CadenceWorkout): Uint8Array {
  const tol = w.toleranceSpm ?? 3;
  for (const [name, v] of [
    ['targetSpm', w.targetSpm],
    ['currentSpm', w.currentSpm],
  ] as const) {
    if (!Number.isFinite(v) || v < 100 || v > 230) {
      throw new WorkoutEncodeError(
        'WORKOUT_INVALID',
        `${name} must be between 100 and 230 ${RUN_CADENCE_UNIT}, got ${v}`,
      );
    }
  }
  const repeats = w.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 99)
    throw new WorkoutEncodeError('WORKOUT_INVALID', `repeats must be 1–99, got ${repeats}`);
  const easyLow = Math.round(Math.min(w.currentSpm, w.targetSpm) - tol);
  const easyHigh = Math.round(Math.max(w.currentSpm, w.targetSpm) + tol);
  const steps: WorkoutStepMesg[] = [
    timed('Warm up', 'warmup', w.warmupS ?? 600, easyLow, easyHigh),
    timed(
      `Cadence ${Math.round(w.targetSpm)}`,
      'active',
      w.intervalS ?? 180,
      Math.round(w.targetSpm - tol),
      Math.round(w.targetSpm + tol),
    ),
    timed('Easy', 'recovery', w.recoveryS ?? 120, easyLow, easyHigh),
    // Repeat steps 1..2 until done: duration_value is the step to go back to, target_value the count.
    {
      wktStepName: `Repeat ${repeats}x`,
      durationType: 'repeatUntilStepsCmplt',
      durationValue: 1,
      targetValue: repeats,
    },
    timed('Cool down', 'cooldown', w.cooldownS ?? 300, easyLow, easyHigh),
  ];
  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: 'workout',
    manufacturer: 'development',
    product: 0,
    serialNumber: w.serialNumber ?? 1,
    timeCreated: w.timeCreated,
  };
  const workout: WorkoutMesg = {
    wktName: w.name,
    sport: 'running',
    subSport: 'generic',
    numValidSteps: steps.length,
  };
  encoder.onMesg(Profile.MesgNum.FILE_ID ?? 0, fileId);
  encoder.onMesg(Profile.MesgNum.WORKOUT ?? 26, workout);
  steps.forEach((step, i) =>
    encoder.onMesg(Profile.MesgNum.WORKOUT_STEP ?? 27, { messageIndex: i, ...step }),
  );
  return encoder.close();
}

function timed(
  name: string,
  intensity: WorkoutStepMesg['intensity'],
  seconds: number,
  lowSpm: number,
  highSpm: number,
): WorkoutStepMesg {
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new WorkoutEncodeError(
      'WORKOUT_INVALID',
      `step "${name}" needs a positive duration, got ${seconds}`,
    );
  return {
    wktStepName: name,
    intensity,
    durationType: 'time',
    // The main field is raw: duration_time has scale 1000, so seconds are written as milliseconds.
    durationValue: Math.round(seconds * 1000),
    targetType: 'cadence',
    targetValue: 0, // 0 = custom range below, not a cadence zone
    customTargetValueLow: lowSpm,
    customTargetValueHigh: highSpm,
  };
}
