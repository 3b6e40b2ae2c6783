import type { RunAnalysis, Units } from '@runcue/analysis';
import { runAdviceItems } from '@runcue/coach';
import type { Activity } from '@runcue/fit';
import { getAnalysis, getFile, sampleCount, type ActivityRecord, type Db } from '@runcue/store';

/** What the report contract says about an activity, whether it was just decoded or read back from the store. */
interface ActivityFacts {
  readonly sha256: string;
  readonly sport: Activity['sport'];
  readonly subSport: Activity['subSport'];
  /** ISO 8601 UTC. */
  readonly startTime: string;
  readonly localOffsetS: Activity['localOffsetS'];
  readonly integrity: Activity['integrity'];
  readonly warnings: Activity['warnings'];
  readonly repairs: NonNullable<Activity['repairs']>;
  readonly device: Activity['device'];
  readonly sensors: Activity['sensors'];
  readonly sessions: number;
  readonly laps: number;
  readonly samples: number;
}

/**
 * The JSON object `runcue report --json` prints and `GET /api/v1/activities/:id` returns (after
 * its stored ids). Other tools script against these fields (README, "JSON output"): add fields
 * freely, rename none. `analysis` is null for a stored activity not analysed (yet).
 */
function reportContract(facts: ActivityFacts, analysis: RunAnalysis | null, units: Units) {
  return {
    analysisVersion: analysis?.version ?? null,
    activity: facts,
    isRun: analysis?.isRun ?? null,
    summary: analysis ? { ...analysis.summary } : null,
    cadence: analysis ? { ...analysis.cadence } : null,
    paceDrift: analysis ? { ...analysis.paceDrift } : null,
    decoupling: analysis ? { ...analysis.decoupling } : null,
    formDecay: analysis ? { ...analysis.formDecay } : null,
    /**
     * The coach's items for this run on its own (no pain log, history or weekly load), each
     * `{ id, kind: 'training' | 'recovery' | 'safety', message, reason, source }`.
     */
    advice: analysis ? runAdviceItems(analysis, units, facts.startTime) : [],
  };
}

export type ReportContract = ReturnType<typeof reportContract>;

/** The report contract of a file just decoded and analysed (`runcue report --json`), advice in `units`. */
export function decodedActivityReport(
  activity: Activity,
  analysis: RunAnalysis,
  units: Units = 'km',
): ReportContract {
  return reportContract(
    {
      sha256: activity.sha256,
      sport: activity.sport,
      subSport: activity.subSport,
      startTime: activity.startTime,
      localOffsetS: activity.localOffsetS,
      integrity: activity.integrity,
      warnings: activity.warnings,
      repairs: activity.repairs ?? [],
      device: activity.device,
      sensors: activity.sensors,
      sessions: activity.sessions.length,
      laps: activity.laps.length,
      samples: activity.samples.length,
    },
    analysis,
    units,
  );
}

/** The report contract of a stored activity with its newest analysis, plus the stored ids. */
export async function storedActivityReport(
  db: Db,
  a: ActivityRecord,
): Promise<{ id: string; fileId: string; duplicateOf: string | null } & ReportContract> {
  const [file, stored, samples] = await Promise.all([
    getFile(db, a.fileId),
    getAnalysis(db, a.id),
    sampleCount(db, a.id),
  ]);
  return {
    id: a.id,
    fileId: a.fileId,
    duplicateOf: a.duplicateOf,
    ...reportContract(
      {
        sha256: file?.sha256 ?? '',
        sport: a.sport,
        subSport: a.subSport,
        startTime: toIso(a.startTime),
        localOffsetS: a.localOffsetS,
        integrity: a.integrity,
        warnings: a.metadata.warnings,
        repairs: a.metadata.repairs ?? [],
        device: a.metadata.device,
        sensors: a.metadata.sensors,
        sessions: a.metadata.sessions.length,
        laps: a.metadata.laps.length,
        samples,
      },
      stored?.analysis ?? null,
      'km',
    ),
  };
}

/** One line of an activity list (`GET /api/v1/activities`): the stored row's ids and headline figures. */
export function storedActivitySummary(a: ActivityRecord) {
  return {
    id: a.id,
    fileId: a.fileId,
    sport: a.sport,
    subSport: a.subSport,
    startTime: toIso(a.startTime),
    distanceM: a.distanceM,
    movingTimeS: a.movingTimeS,
    integrity: a.integrity,
    duplicateOf: a.duplicateOf,
  };
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
