import { isoWeekAt } from '@runcue/analysis';
import { CADENCE_CEILING_SPM, cadenceBaseline, cadenceTarget } from '@runcue/coach';
import { encodeCadenceWorkout } from '@runcue/fit';
import { listRunRecords, type Athlete, type Db } from '@runcue/store';
import { OperationError } from '../error-codes.ts';
import { loadWeeklyTrends } from '../trends/weekly-trends.ts';

/** A cadence workout for the watch: where the runner is, the target, and the FIT file. */
export interface CadenceWorkout {
  medianSpm: number;
  targetSpm: number;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * A FIT workout at the athlete's next cadence target: the same target the emails of that week
 * carry, built on the runner's cadence of the four weeks before the newest run with cadence
 * (`cadenceBaseline`), never below that run's median. NO_CADENCE without a run with cadence,
 * NO_CADENCE_TARGET at or above the ceiling.
 */
export async function cadenceWorkout(db: Db, athlete: Athlete, now: Date): Promise<CadenceWorkout> {
  // The newest run with cadence sets the starting point, however long ago it was.
  const runs = await listRunRecords(db, athlete.id, new Date(0), now);
  const latest = runs.filter((r) => r.analysis.cadenceMedianSpm !== null).at(-1);
  const medianSpm = latest?.analysis.cadenceMedianSpm;
  if (latest === undefined || medianSpm === undefined || medianSpm === null) {
    throw new OperationError(
      'NO_CADENCE',
      `${athlete.name} has no run with cadence yet, so there is no target to aim at`,
    );
  }
  const week = isoWeekAt(new Date(latest.startTime), athlete.timeZone);
  const weeks = (await loadWeeklyTrends(db, athlete, week, 5)).weeks;
  const baseline = cadenceBaseline(weeks) ?? medianSpm;
  const fromBaseline = cadenceTarget(baseline, athlete.cadenceThresholdSpm);
  const targetSpm =
    fromBaseline !== null && fromBaseline > medianSpm
      ? fromBaseline
      : cadenceTarget(medianSpm, athlete.cadenceThresholdSpm);
  if (targetSpm === null) {
    // Never a target below what the runner already does; none to raise from 180 up.
    throw new OperationError(
      'NO_CADENCE_TARGET',
      `${athlete.name}'s cadence is already ${Math.round(medianSpm)} steps/min, at or above ${CADENCE_CEILING_SPM}: there is no higher target to train towards`,
    );
  }
  const bytes = encodeCadenceWorkout({
    name: `Cadence ${targetSpm}`,
    targetSpm,
    currentSpm: medianSpm,
    timeCreated: now,
    serialNumber: Math.floor(now.getTime() / 1000) % 2 ** 31,
  });
  return { medianSpm, targetSpm, fileName: `runcue-cadence-${targetSpm}.fit`, bytes };
}
