import { z } from 'zod';
import {
  activitiesQuerySchema,
  activityDetailSchema,
  activityListSchema,
  archiveResultSchema,
  errorBodySchema,
  healthSchema,
  painBodySchema,
  painCreatedSchema,
  painMilestoneBodySchema,
  painMilestoneCreatedSchema,
  uploadCreatedSchema,
  uploadAcceptedSchema,
  uploadDuplicateSchema,
  uploadStatusSchema,
} from './api-schemas.ts';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output'): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io });
  return rest;
};
const json = (s: string | Json, description: string) => ({
  description,
  content: {
    'application/json': { schema: typeof s === 'string' ? { $ref: `#/components/schemas/${s}` } : s },
  },
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), json('Error', errorDescriptions[s] ?? 'Error')]));

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request: an unknown field, a multipart body that cannot be read, a file name with a control character or over 255 bytes (INVALID_REQUEST, MALFORMED_UPLOAD, INVALID_NAME, NAME_TOO_LONG)',
  401: 'Missing or unknown token (AUTH_MISSING, AUTH_INVALID)',
  404: 'No such activity or upload for this athlete, or no run yet for run: latest (RUN_NOT_FOUND, UPLOAD_NOT_FOUND)',
  413: 'Body over the size limit, or a form with more than 1000 files (FILE_TOO_LARGE, TOO_MANY_FILES)',
  415: 'Not a raw or multipart upload, or not a .fit/.fit.gz/.zip name (UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_FILE_TYPE)',
  422: 'The file could not be read (FIT_* or ARCHIVE_* code); it is kept in quarantine',
  500: 'runcue failed (INTERNAL)',
};

const milestonePath = (operationId: string, description: string) => ({
  post: {
    operationId,
    description,
    security: [{ bearer: [] }],
    requestBody: {
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PainMilestoneRequest' } } },
    },
    responses: {
      201: json('PainMilestoneRecorded', 'The recorded milestone and the advice as it stands afterwards'),
      ...errors(400, 401, 500),
    },
  },
});

/** The OpenAPI 3.1 document served at `/api/v1/openapi.json`, generated from the zod schemas. */
export function openApiDocument(): Json {
  const since = schema(activitiesQuerySchema) as { properties: Record<string, Json> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'runcue',
      version: '1.0.0',
      description: 'Upload FIT files from a running watch and read the analysis of each run.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'runcue athlete token <athlete>' },
      },
      schemas: {
        Error: schema(errorBodySchema),
        UploadCreated: schema(uploadCreatedSchema),
        UploadDuplicate: schema(uploadDuplicateSchema),
        UploadAccepted: schema(uploadAcceptedSchema),
        UploadStatus: schema(uploadStatusSchema),
        ArchiveResult: schema(archiveResultSchema),
        ActivityList: schema(activityListSchema),
        ActivityDetail: schema(activityDetailSchema),
        Health: schema(healthSchema),
        PainEntryRequest: schema(painBodySchema, 'input'),
        PainLogged: schema(painCreatedSchema),
        PainMilestoneRequest: schema(painMilestoneBodySchema, 'input'),
        PainMilestoneRecorded: schema(painMilestoneCreatedSchema),
      },
    },
    paths: {
      '/healthz': {
        get: {
          operationId: 'health',
          responses: { 200: json('Health', 'The service and its database answer') },
        },
      },
      '/api/v1/uploads': {
        post: {
          operationId: 'upload',
          security: [{ bearer: [] }],
          parameters: [
            {
              name: 'name',
              in: 'query',
              required: false,
              description:
                'The file name (at most 255 bytes, no control characters); not with a form of several files',
              schema: { type: 'string', minLength: 1 },
            },
            {
              name: 'Prefer',
              in: 'header',
              required: false,
              description:
                'respond-async (RFC 7240): one FIT file is answered 202 as soon as it is kept, and read afterwards; ask GET /api/v1/uploads/{fileId} for its outcome. Zips, .fit.gz and forms are always read first.',
              schema: { type: 'string' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/octet-stream': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  description:
                    'One or more files (any field names, no text fields); several files answer per file, like a zip',
                  additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
              },
            },
          },
          responses: {
            201: json(
              {
                oneOf: [
                  { $ref: '#/components/schemas/UploadCreated' },
                  { $ref: '#/components/schemas/ArchiveResult' },
                ],
              },
              'A new run (or an archive or a form of several files holding at least one)',
            ),
            200: json(
              {
                oneOf: [
                  { $ref: '#/components/schemas/UploadDuplicate' },
                  { $ref: '#/components/schemas/ArchiveResult' },
                ],
              },
              'A run already stored (or an archive or a form of several files with no new run)',
            ),
            202: json(
              'UploadAccepted',
              'Prefer: respond-async: the file is kept and will be read; its Location says where to ask for the outcome',
            ),
            ...errors(400, 401, 413, 415, 422, 500),
          },
        },
      },
      '/api/v1/uploads/{fileId}': {
        get: {
          operationId: 'getUpload',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'fileId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: json('UploadStatus', 'The upload: pending until read, then imported, duplicate or failed'),
            ...errors(401, 404, 500),
          },
        },
      },
      '/api/v1/activities': {
        get: {
          operationId: 'listActivities',
          security: [{ bearer: [] }],
          parameters: Object.entries(since.properties).map(([name, s]) => ({
            name,
            in: 'query',
            required: false,
            schema: s,
          })),
          responses: {
            200: json('ActivityList', "The token's athlete's runs, newest first"),
            ...errors(400, 401, 500),
          },
        },
      },
      '/api/v1/activities/{id}': {
        get: {
          operationId: 'getActivity',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: json('ActivityDetail', 'One run: summary and analysis'),
            ...errors(401, 404, 500),
          },
        },
      },
      '/api/v1/pain': {
        post: {
          operationId: 'logPain',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PainEntryRequest' } } },
          },
          responses: {
            201: json('PainLogged', "The stored entry and the coach's advice about it right away"),
            ...errors(400, 401, 404, 500),
          },
        },
      },
      '/api/v1/pain/cleared': milestonePath(
        'painCleared',
        'A professional has cleared the runner after a red flag: the only thing that lifts one',
      ),
      '/api/v1/pain/return-done': milestonePath('painReturnDone', 'The walk/run return plan is done'),
      '/api/v1/openapi.json': {
        get: { operationId: 'openApi', responses: { 200: { description: 'This document' } } },
      },
    },
  };
}
