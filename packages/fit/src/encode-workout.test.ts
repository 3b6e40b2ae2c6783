import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { encodeCadenceWorkout, WorkoutEncodeError } from './encode-workout.ts';

function decode(bytes: Uint8Array) {
  const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
  expect(decoder.isFIT()).toBe(true);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return messages;
}

describe('encodeCadenceWorkout', () => {
  const base = {
    name: 'Cadence 168',
    targetSpm: 168,
    currentSpm: 160,
    timeCreated: new Date('2026-11-23T07:00:00Z'),
  };

  it('writes a workout file the SDK decodes back with cadence targets around the target', () => {
    const m = decode(encodeCadenceWorkout({ ...base, repeats: 4, intervalS: 240 }));
    expect(m.fileIdMesgs?.[0]?.type).toBe('workout');
    expect(m.fileIdMesgs?.[0]?.timeCreated).toEqual(base.timeCreated);
    expect(m.workoutMesgs?.[0]).toMatchObject({ wktName: 'Cadence 168', sport: 'running', numValidSteps: 5 });
    const steps = m.workoutStepMesgs ?? [];
    expect(steps.map((s) => s.intensity ?? 'repeat')).toEqual([
      'warmup',
      'active',
      'recovery',
      'repeat',
      'cooldown',
    ]);
    const interval = steps[1];
    expect(interval).toMatchObject({ targetType: 'cadence', durationType: 'time', durationTime: 240 });
    expect([interval?.customTargetCadenceLow, interval?.customTargetCadenceHigh]).toEqual([165, 171]);
    // Warm-up spans from the current cadence to the target.
    expect([steps[0]?.customTargetCadenceLow, steps[0]?.customTargetCadenceHigh]).toEqual([157, 171]);
    expect(steps[3]).toMatchObject({
      durationType: 'repeatUntilStepsCmplt',
      durationStep: 1,
      repeatSteps: 4,
    });
  });

  it('follows the tolerance it is given', () => {
    const steps =
      decode(encodeCadenceWorkout({ ...base, targetSpm: 175, toleranceSpm: 5 })).workoutStepMesgs ?? [];
    expect([steps[1]?.customTargetCadenceLow, steps[1]?.customTargetCadenceHigh]).toEqual([170, 180]);
  });

  it('rejects a target no runner has, with a stable code', () => {
    expect(() => encodeCadenceWorkout({ ...base, targetSpm: 84 })).toThrow(WorkoutEncodeError);
    expect(() => encodeCadenceWorkout({ ...base, repeats: 0 })).toThrow(
      expect.objectContaining({ code: 'WORKOUT_INVALID' }),
    );
  });
});
