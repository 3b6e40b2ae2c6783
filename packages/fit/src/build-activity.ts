import type { Activity, Integrity } from './activity.ts';
import { activitySchema } from './activity.ts';
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
import { findDeveloperChannels } from './developer-channels.ts';
import { FitError } from './fit-error.ts';
import type { FitMessages } from './fit-messages.ts';
import { mesgs, str, timeMs } from './fit-messages.ts';
import { samplesFromRecords } from './samples-from-records.ts';

export interface BuildInput {
  readonly messages: FitMessages;
  readonly sha256: string;
  readonly integrity: Integrity;
  readonly warnings: readonly string[];
}

function firstTime(messages: FitMessages): number | null {
  for (const r of mesgs(messages, 'recordMesgs')) {
    const t = timeMs(r, 'timestamp');
    if (t !== null) return t;
  }
  return (
    timeMs(mesgs(messages, 'sessionMesgs')[0], 'startTime') ??
    timeMs(mesgs(messages, 'fileIdMesgs')[0], 'timeCreated')
  );
}

/**
 * Assembles an Activity from decoded FIT messages (records from every segment, in file order)
 * and checks it against `activitySchema`. Elapsed second 0 is the first record's timestamp.
 * Throws FIT_NO_RECORDS for an activity without records. A file with no timestamp at all keeps
 * its samples with NaN times and a warning.
 */
export function buildActivity(input: BuildInput): Activity {
  const { messages } = input;
  const records = mesgs(messages, 'recordMesgs');
  if (records.length === 0) {
    throw new FitError(
      'FIT_NO_RECORDS',
      'The activity file has no record messages, so there are no samples to analyse.',
    );
  }
  const knownStart = firstTime(messages);
  const extraWarnings: string[] = [];
  if (knownStart === null) {
    extraWarnings.push(
      'No message carries a timestamp: the start time is unknown (given as the FIT epoch, 1989-12-31) and sample times are missing.',
    );
  }
  const startMs = knownStart ?? FIT_EPOCH_S * 1000;

  const sessions = sessionsOf(messages, startMs);
  const sportMesg = mesgs(messages, 'sportMesgs')[0];
  const sport = sessions.some((s) => s.sport === 'running')
    ? 'running'
    : (sessions[0]?.sport ?? str(sportMesg, 'sport') ?? 'generic');
  const main = sessions.find((s) => s.sport === sport);
  const subSport = main ? main.subSport : str(sportMesg, 'subSport');
  const sportOf = (tsMs: number): string | null => {
    const t = (tsMs - startMs) / 1000;
    let found: string | null = null;
    for (const s of sessions) if (t >= s.startElapsedS - 0.5) found = s.sport;
    return found ?? sessions[0]?.sport ?? sport;
  };

  const built = samplesFromRecords({
    records,
    startMs,
    sportOf,
    developer: findDeveloperChannels(mesgs(messages, 'fieldDescriptionMesgs')),
  });
  let hasHr = false;
  for (const v of built.samples.heartRate) if (!Number.isNaN(v)) hasHr = true;
  const activity: Activity = {
    sha256: input.sha256,
    fileId: fileIdOf(messages),
    integrity: input.integrity,
    warnings: [...input.warnings, ...extraWarnings, ...built.warnings],
    sport,
    subSport,
    startTime: new Date(startMs).toISOString(),
    localOffsetS: localOffsetOf(messages),
    device: deviceOf(messages),
    sensors: sensorsOf(messages, {
      heartRate: hasHr,
      gps: built.gps,
      runningDynamics: built.nativeRunningDynamics
        ? 'native'
        : built.developerRunningDynamics
          ? 'developer'
          : 'none',
      power: built.nativePower ? 'native' : built.developerPower ? 'developer' : 'none',
    }),
    sessions,
    laps: lapsOf(messages, startMs),
    timerEvents: timerEventsOf(messages, startMs),
    samples: built.samples,
  };
  const checked = activitySchema.safeParse(activity);
  if (!checked.success) {
    throw new FitError(
      'FIT_CORRUPT',
      `The decoded activity is not valid: ${checked.error.issues[0]?.message ?? 'unknown problem'}.`,
      { cause: checked.error },
    );
  }
  return activity;
}
