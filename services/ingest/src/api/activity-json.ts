import { runAdviceItems } from '@runcue/coach';
import { getAnalysis, getFile, sampleCount } from '@runcue/store';
import type { ActivityRecord, Db } from '@runcue/store';
import type { z } from 'zod';
import type { activityDetailSchema, activitySummarySchema } from './api-schemas.ts';

/** One line of `GET /api/v1/activities`. */
export function activitySummaryJson(a: ActivityRecord): z.infer<typeof activitySummarySchema> {
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

/**
 * `GET /api/v1/activities/:id`: the stored activity and its newest analysis, in the same fields
 * as `runcue report --json` (so a script can read either), plus the stored ids.
 */
export async function activityDetailJson(
  db: Db,
  a: ActivityRecord,
): Promise<z.infer<typeof activityDetailSchema>> {
  const [file, stored, samples] = await Promise.all([
    getFile(db, a.fileId),
    getAnalysis(db, a.id),
    sampleCount(db, a.id),
  ]);
  const analysis = stored?.analysis;
  return {
    id: a.id,
    fileId: a.fileId,
    duplicateOf: a.duplicateOf,
    analysisVersion: stored?.analysisVersion ?? null,
    activity: {
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
    isRun: analysis?.isRun ?? null,
    summary: plain(analysis?.summary),
    cadence: plain(analysis?.cadence),
    paceDrift: plain(analysis?.paceDrift),
    decoupling: plain(analysis?.decoupling),
    formDecay: plain(analysis?.formDecay),
    advice: analysis === undefined ? [] : runAdviceItems(analysis, 'km', toIso(a.startTime)),
  };
}

function plain(value: object | undefined): Record<string, unknown> | null {
  return value === undefined ? null : { ...value };
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
