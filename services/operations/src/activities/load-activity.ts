import type { RunAnalysis } from '@runcue/analysis';
import type { Activity } from '@runcue/fit';
import { getActivity, getAnalysis, getFile, loadSamples, type ActivityRecord, type Db } from '@runcue/store';

/** A stored activity read back whole: its row, the activity with its samples, and its newest analysis. */
export interface LoadedActivity {
  record: ActivityRecord;
  activity: Activity;
  analysis: RunAnalysis;
}

/** What a stored activity lacks when it cannot be read back whole. */
export type MissingPart = 'record' | 'analysis' | 'samples';

/**
 * Reads one activity back from the store as the decoder gave it (metadata, integrity, samples)
 * with its newest analysis; `{ missing }` names the first part that is not there.
 */
export async function loadActivity(
  db: Db,
  activityId: string,
): Promise<LoadedActivity | { missing: MissingPart }> {
  const [record, stored, samples] = await Promise.all([
    getActivity(db, activityId),
    getAnalysis(db, activityId),
    loadSamples(db, activityId),
  ]);
  if (!record) return { missing: 'record' };
  if (!stored) return { missing: 'analysis' };
  if (!samples) return { missing: 'samples' };
  const file = await getFile(db, record.fileId);
  return {
    record,
    activity: {
      ...record.metadata,
      sha256: file?.sha256 ?? '0'.repeat(64),
      integrity: record.integrity,
      sport: record.sport,
      subSport: record.subSport,
      startTime: record.startTime.toISOString(),
      localOffsetS: record.localOffsetS,
      samples,
    },
    analysis: stored.analysis,
  };
}
