import {
  noNul,
  PAIN_MILESTONE_KINDS,
  PAIN_NOTE_MAX_CHARS,
  painLocationSchema,
  painRedFlagSchema,
  painReportSchema,
  painScoreSchema,
} from '@runcue/analysis';
import { z } from 'zod';

/**
 * Request and response shapes of the HTTP API. Requests are parsed with these; the OpenAPI
 * document is generated from them, and the API tests check real responses against that document.
 */

/** One piece of advice, as `runcue report --json` and `runcue pain --json` give it. */
const adviceItemSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['training', 'recovery', 'safety']),
  message: z.string(),
  reason: z.string(),
  source: z.string().describe("The reference article's title, or runcue's own general guidance"),
});

export const uploadQuerySchema = z.strictObject({
  // Its length and characters are checked by the route, with their own codes (NAME_TOO_LONG, INVALID_NAME).
  name: z
    .string()
    .min(1)
    .optional()
    .describe('File name, e.g. 2026-11-20-07-31-02.fit; .fit.gz and .zip are unpacked'),
});

export const activitiesQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional().describe('Only runs starting at or after this instant'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const activityParamsSchema = z.strictObject({ id: z.uuid() });

export const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string() }),
  fileId: z.string().nullable().optional(),
});

export const uploadCreatedSchema = z.strictObject({ activityId: z.string(), fileId: z.string() });

const duplicateReasonSchema = z.enum(['same-bytes', 'same-file-id', 'same-run']);

export const uploadDuplicateSchema = z.strictObject({
  duplicateOf: z.string(),
  reason: duplicateReasonSchema,
  fileId: z.string(),
});

/** `POST /api/v1/uploads` with `Prefer: respond-async`: the file is kept and will be read. */
export const uploadAcceptedSchema = z.strictObject({
  fileId: z.string(),
  status: z.literal('pending'),
});

export const uploadParamsSchema = z.strictObject({ fileId: z.uuid() });

/** `GET /api/v1/uploads/:fileId`: where an uploaded file is, pending or read. */
export const uploadStatusSchema = z.union([
  uploadAcceptedSchema,
  z.strictObject({ fileId: z.string(), status: z.literal('imported'), activityId: z.string() }),
  z.strictObject({
    fileId: z.string(),
    status: z.literal('duplicate'),
    duplicateOf: z.string(),
    reason: duplicateReasonSchema,
  }),
  z.strictObject({
    fileId: z.string(),
    status: z.literal('failed'),
    error: z.strictObject({ code: z.string(), message: z.string() }),
  }),
]);

const archiveItemSchema = z.strictObject({
  name: z.string(),
  status: z.enum(['imported', 'duplicate', 'failed']),
  fileId: z.string().nullable(),
  activityId: z.string().optional(),
  duplicateOf: z.string().optional(),
  reason: duplicateReasonSchema.optional(),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});

export const archiveResultSchema = z.strictObject({
  files: z.array(archiveItemSchema),
  imported: z.int(),
  duplicates: z.int(),
  failed: z.int(),
});

export const activitySummarySchema = z.strictObject({
  id: z.string(),
  fileId: z.string(),
  sport: z.string(),
  subSport: z.string().nullable(),
  startTime: z.string(),
  distanceM: z.number().nullable(),
  movingTimeS: z.number().nullable(),
  integrity: z.enum(['ok', 'truncated', 'crc-mismatch']),
  duplicateOf: z.string().nullable(),
});

export const activityListSchema = z.strictObject({ activities: z.array(activitySummarySchema) });

const looseObject = z.looseObject({});

/** The same fields as `runcue report --json`, plus the stored ids. */
export const activityDetailSchema = z.strictObject({
  id: z.string(),
  fileId: z.string(),
  duplicateOf: z.string().nullable(),
  analysisVersion: z.int().nullable(),
  activity: z.strictObject({
    sha256: z.string(),
    sport: z.string(),
    subSport: z.string().nullable(),
    startTime: z.string(),
    localOffsetS: z.number().nullable(),
    integrity: z.enum(['ok', 'truncated', 'crc-mismatch']),
    warnings: z.array(z.unknown()),
    repairs: z.array(z.string()),
    device: z.unknown(),
    sensors: z.unknown(),
    sessions: z.int(),
    laps: z.int(),
    samples: z.int(),
  }),
  isRun: z.boolean().nullable(),
  summary: looseObject.nullable(),
  cadence: looseObject.nullable(),
  paceDrift: looseObject.nullable(),
  decoupling: looseObject.nullable(),
  formDecay: looseObject.nullable(),
  advice: z.array(adviceItemSchema).describe("The coach's items for this run on its own"),
});

export const healthSchema = z.strictObject({ status: z.literal('ok') });

/** `POST /api/v1/pain`: one pain log entry for the token's athlete (the pain-entry schema, plus the run). */
export const painBodySchema = z.strictObject({
  ...painReportSchema.shape,
  run: z
    .string()
    .min(1)
    .max(64)
    .nullish()
    .refine(noNul, 'must not contain a NUL character')
    .describe("An activity id of the token's athlete, or 'latest'"),
});

/** `POST /api/v1/pain/cleared` and `/api/v1/pain/return-done`: an optional note. */
export const painMilestoneBodySchema = z
  .strictObject({
    note: z.string().max(PAIN_NOTE_MAX_CHARS).nullish().refine(noNul, 'must not contain a NUL character'),
  })
  .nullish();

const painAdviceFields = {
  advice: z.array(adviceItemSchema).describe('Most important first; safety items lead'),
  trainingWithheld: z
    .boolean()
    .describe('True when pain or a red flag withholds every training cue (no training item is given)'),
  notes: z.array(z.string()),
};

/** The stored entry and the coach's immediate advice about it. */
export const painCreatedSchema = z.strictObject({
  entry: z.strictObject({
    id: z.string(),
    athleteId: z.string(),
    at: z.string(),
    score: painScoreSchema,
    where: painLocationSchema.nullable(),
    flags: z.array(painRedFlagSchema),
    activityId: z.string().nullable(),
    note: z.string().nullable(),
  }),
  ...painAdviceFields,
});

/** The recorded milestone and the advice as it stands after it. */
export const painMilestoneCreatedSchema = z.strictObject({
  milestone: z.strictObject({
    id: z.string(),
    athleteId: z.string(),
    kind: z.enum(PAIN_MILESTONE_KINDS),
    at: z.string(),
    note: z.string().nullable(),
  }),
  ...painAdviceFields,
});
