import { z } from 'zod';

/**
 * Request and response shapes of the HTTP API. Requests are parsed with these; the OpenAPI
 * document is generated from them, and the API tests check real responses against that document.
 */

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
});

export const healthSchema = z.strictObject({ status: z.literal('ok') });

const painLocationSchema = z.enum(['lower-back', 'hip', 'leg']);
const painFlagSchema = z.enum(['numbness', 'leg-weakness', 'saddle-numbness', 'night-pain']);

/** `POST /api/v1/pain`: one pain log entry for the token's athlete. */
const noNul = (s: string | null | undefined) => s == null || !s.includes('\u0000');

export const painBodySchema = z.strictObject({
  score: z.number().int().min(0).max(10).describe('0 (none) to 10 (worst imaginable)'),
  where: painLocationSchema.nullish(),
  flags: z
    .array(painFlagSchema)
    .max(4)
    .default([])
    .describe('Red-flag symptoms: any of them means see a doctor or physiotherapist'),
  run: z
    .string()
    .min(1)
    .max(64)
    .nullish()
    .refine(noNul, 'must not contain a NUL character')
    .describe("An activity id of the token's athlete, or 'latest'"),
  note: z.string().max(2000).nullish().refine(noNul, 'must not contain a NUL character'),
});

const sourcesSchema = z.array(z.string()).describe('Reference files the advice rests on');

/** The stored entry and the coach's immediate advice about it. */
export const painCreatedSchema = z.strictObject({
  entry: z.strictObject({
    id: z.string(),
    athleteId: z.string(),
    at: z.string(),
    score: z.int().min(0).max(10),
    where: painLocationSchema.nullable(),
    flags: z.array(painFlagSchema),
    activityId: z.string().nullable(),
    note: z.string().nullable(),
  }),
  advice: z.strictObject({
    cues: z.array(
      z.strictObject({
        id: z.string(),
        severity: z.enum(['info', 'advice', 'warning', 'stop']),
        message: z.string(),
        reason: z.string(),
        metrics: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
        source: sourcesSchema,
        level: z.int().min(1),
      }),
    ),
    recovery: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        exercises: z.array(z.strictObject({ name: z.string(), dose: z.string() })),
        reason: z.string(),
        source: sourcesSchema,
      }),
    ),
    suppressedTraining: z.boolean().describe('True when a red flag withheld all training advice'),
    notes: z.array(z.string()),
  }),
});
