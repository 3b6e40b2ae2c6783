import { listRunRecords, runSummaryStatuses, type Athlete, type Db, type OutboxStatus } from '@runcue/store';

/** One stored run as `runcue runs` lists it (and `--json` prints it). */
export interface RunListing {
  readonly activityId: string;
  /** Start, ISO 8601 UTC. */
  readonly startTime: string;
  /** The watch's local offset at the start, seconds; null when the file had none. */
  readonly localOffsetS: number | null;
  readonly distanceM: number;
  readonly runningTimeS: number;
  /** Running and walking time with the timer on, as the report and the activity API give it. */
  readonly movingTimeS: number;
  /** Seconds per km over moving time (the report's average pace); null without distance. */
  readonly paceSPerKm: number | null;
  readonly cadenceMedianSpm: number | null;
  /** What stands out, in words: 'form decay', 'low cadence', 'pace drift 7%', 'no cadence'. */
  readonly flags: readonly string[];
  /** Where its post-run email is: queued, sent, failed, or 'none' (never queued). */
  readonly email: OutboxStatus | 'none';
}

/** Pace drift and decoupling from this many percent are flagged (the coach's own cue thresholds). */
const DRIFT_FLAG_PERCENT = 5;
const DECOUPLING_FLAG_PERCENT = 5;
/** A run with more than half its running time below the cadence threshold is flagged. */
const LOW_CADENCE_SHARE = 0.5;

const EPOCH = new Date(0);
const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

/**
 * The athlete's runs that started at or after `since` (all without it), newest first, with the
 * figures a runner looks for and whether each got its post-run email.
 */
export async function listRuns(
  db: Db,
  athlete: Athlete,
  options: { since?: Date | null; limit?: number } = {},
): Promise<RunListing[]> {
  const [records, emails] = await Promise.all([
    listRunRecords(db, athlete.id, options.since ?? EPOCH, FAR_FUTURE),
    runSummaryStatuses(db, athlete.id),
  ]);
  return records
    .reverse()
    .slice(0, options.limit ?? records.length)
    .map((r) => {
      const a = r.analysis;
      const flags: string[] = [];
      if (a.formDecayDetected) flags.push('form decay');
      if (a.cadenceMedianSpm === null) flags.push('no cadence');
      else if ((a.shareBelowThreshold ?? 0) > LOW_CADENCE_SHARE)
        flags.push(`low cadence (<${a.cadenceThresholdSpm})`);
      if (a.paceDriftPercent !== null && a.paceDriftPercent >= DRIFT_FLAG_PERCENT)
        flags.push(`pace drift ${Math.round(a.paceDriftPercent)}%`);
      if (a.decouplingPercent !== null && a.decouplingPercent >= DECOUPLING_FLAG_PERCENT)
        flags.push(`decoupling ${Math.round(a.decouplingPercent)}%`);
      return {
        activityId: r.activityId,
        startTime: r.startTime,
        localOffsetS: r.localOffsetS,
        distanceM: r.distanceM,
        runningTimeS: r.runningTimeS,
        movingTimeS: r.movingTimeS ?? r.runningTimeS,
        paceSPerKm: r.distanceM > 0 ? ((r.movingTimeS ?? r.runningTimeS) / r.distanceM) * 1000 : null,
        cadenceMedianSpm: a.cadenceMedianSpm,
        flags,
        email: emails.get(r.activityId) ?? 'none',
      };
    });
}
