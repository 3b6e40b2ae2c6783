import type { RunAnalysis } from '@runcue/analysis';
import type { AdviceItem } from '@runcue/coach';
import type { Activity } from '@runcue/fit';

/**
 * The JSON object `runcue report --json` prints and the API returns. Other tools script against
 * these fields (see README, "JSON output"): add fields freely, rename none.
 */
export function toReportJson(activity: Activity, analysis: RunAnalysis, advice: AdviceItem[]) {
  return {
    analysisVersion: analysis.version,
    activity: {
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
    isRun: analysis.isRun,
    summary: analysis.summary,
    cadence: analysis.cadence,
    paceDrift: analysis.paceDrift,
    decoupling: analysis.decoupling,
    formDecay: analysis.formDecay,
    /** The coach's items for this run on its own: `{ id, kind, message, reason, source }`. */
    advice,
  };
}
