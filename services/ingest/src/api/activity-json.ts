import type { ActivityRecord } from '@runcue/store';
import type { z } from 'zod';
import type { activitySummarySchema } from './api-schemas.ts';

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

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
