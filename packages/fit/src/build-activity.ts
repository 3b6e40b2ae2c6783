import type { Activity } from './activity.ts';
import { activitySchema, samplesSchema } from './activity.ts';
import {
  FIT_EPOCH_S,
  deviceOf,
  fileIdOf,
  lapsOf,
  localOffsetOf,
  sensorsOf,
  sessionsOf,
  timerEventsOf,
} from './activity-metadata.ts';
import type { DecodedFit } from './decoded-fit.ts';
import { findDeveloperChannels } from './developer-channels.ts';
import { FitError } from './fit-error.ts';
import { clockNotes, recordClock } from './record-clock.ts';
import { samplesFromRecords } from './samples-from-records.ts';
import { segmentIntegrity } from './segment-integrity.ts';

export interface BuildInput {
  readonly decoded: DecodedFit;
  /** sha256 (hex) of the file's bytes. */
  readonly sha256: string;
  /** Reader notes to pass on (after the integrity warnings the segments give). */
  readonly warnings: readonly string[];
  /**
   * True when no one else holds `decoded`'s record columns, so they may become the samples
   * (changed in place: the timestamps become the elapsed times) instead of being copied;
   * `decodeFit` passes the DecodedFit it just read.
   */
  readonly ownsColumns?: boolean;
}

/**
 * `activitySchema` in two parts, everything but the samples and then the samples: zod checks the
 * part without refinements by its compiled fast path, several times faster than the whole.
 */
const metadataSchema = activitySchema.omit({ samples: true });

function firstTime(decoded: DecodedFit): number | null {
  const time = decoded.records.columns.timestamp;
  if (time !== undefined) for (const t of time) if (!Number.isNaN(t)) return t;
  return decoded.sessions[0]?.startTime ?? decoded.fileIds[0]?.timeCreated ?? null;
}

/**
 * Assembles an Activity from a DecodedFit (records from every segment, in file order) and checks
 * it against `activitySchema`. Elapsed second 0 is the first record's timestamp. Throws
 * FIT_NO_RECORDS for an activity without records. A file with no timestamp at all keeps its
 * samples with NaN times and a warning.
 */
export function buildActivity(input: BuildInput): Activity {
  const { decoded } = input;
  if (decoded.records.length === 0) {
    throw new FitError(
      'FIT_NO_RECORDS',
      'The activity file has no record messages, so there are no samples to analyse.',
    );
  }
  const { integrity, warnings: integrityWarnings } = segmentIntegrity(decoded);
  const knownStart = firstTime(decoded);
  const extraWarnings: string[] = [];
  if (knownStart === null) {
    extraWarnings.push(
      'No message carries a timestamp: the start time is unknown (given as the FIT epoch, 1989-12-31) and sample times are missing.',
    );
  }
  const startMs = knownStart ?? FIT_EPOCH_S * 1000;

  const clock = recordClock(
    decoded.records.columns.timestamp ?? new Float64Array(0),
    decoded.records.length,
    startMs,
    input.ownsColumns === true,
  );
  const sessions = sessionsOf(decoded, clock.elapsedOf);
  const sportMesg = decoded.sports[0];
  const sport = sessions.some((s) => s.sport === 'running')
    ? 'running'
    : (sessions[0]?.sport ?? sportMesg?.sport ?? 'generic');
  const main = sessions.find((s) => s.sport === sport);
  const subSport = main ? main.subSport : (sportMesg?.subSport ?? null);
  const built = samplesFromRecords({
    records: decoded.records,
    clock,
    sessions,
    sportBefore: sessions[0]?.sport ?? sport,
    ownsColumns: input.ownsColumns === true,
    developer: findDeveloperChannels(decoded.fieldDescriptions),
  });
  const { repairs, warnings: clockWarnings } = clockNotes(clock);
  const local = localOffsetOf(decoded);
  if (local.implausibleS !== null)
    repairs.push(
      `The file gives a local time ${Math.round(local.implausibleS / 3600)} h from UTC, which no time zone has; it was ignored, so the run keeps its real day.`,
    );
  const activity: Activity = {
    sha256: input.sha256,
    fileId: fileIdOf(decoded),
    integrity,
    warnings: [
      ...integrityWarnings,
      ...input.warnings,
      ...extraWarnings,
      ...repairs,
      ...clockWarnings,
      ...built.warnings,
    ],
    repairs,
    sport,
    subSport,
    startTime: new Date(startMs).toISOString(),
    localOffsetS: local.offsetS,
    device: deviceOf(decoded),
    sensors: sensorsOf(decoded, {
      heartRate: built.hasHeartRate,
      gps: built.gps,
      runningDynamics: built.nativeRunningDynamics
        ? 'native'
        : built.developerRunningDynamics
          ? 'developer'
          : 'none',
      power: built.nativePower ? 'native' : built.developerPower ? 'developer' : 'none',
    }),
    sessions,
    laps: lapsOf(decoded, clock.elapsedOf),
    timerEvents: timerEventsOf(decoded, clock.elapsedOf),
    samples: built.samples,
  };
  const metadata = metadataSchema.safeParse(activity);
  const checked = metadata.success ? samplesSchema.safeParse(activity.samples) : metadata;
  if (!checked.success) {
    throw new FitError(
      'FIT_CORRUPT',
      `The decoded activity is not valid: ${checked.error.issues[0]?.message ?? 'unknown problem'}.`,
      { cause: checked.error },
    );
  }
  return activity;
}
