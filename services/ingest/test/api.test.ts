import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAthlete, createToken, listFiles } from '@runcue/store';
import { createIngestFile, createIngestQueue, silentLogger, type IngestQueue } from '@runcue/operations';
import { backends, type TestDb } from '@runcue/store/testing';
import { createApi } from '../src/api/create-api.ts';
import { corpusBytes, writeZip } from '@runcue/scripts/fixtures';

const now = () => new Date('2026-11-22T08:00:00Z');
const MAX = 300_000;
const RUN = corpusBytes('ActivityLog2/310xt-run.fit');
const RUN2 = corpusBytes('python-fitparse/garmin-fenix-5-run.fit');
const RUN3 = corpusBytes('elevate/20171011_run_2088390344.fit');
const BIG = corpusBytes('elevate/kaiteriteri.fit'); // 314 185 bytes, over MAX
const NOT_FIT = corpusBytes('elevate/._empty.fit');
const LATER = corpusBytes('python-fitparse/2013-02-06-12-11-14.fit');

interface Body {
  error: { code: string; message: string };
  activityId: string;
  fileId: string;
  reason: string;
  duplicateOf: string;
  files: Array<{ status: string; error?: { code: string } }>;
  imported: number;
  duplicates: number;
  failed: number;
  activities: Array<{ id: string; startTime: string }>;
  activity: { sha256: string };
  cadence: unknown;
  openapi: string;
}
const j = (res: LightMyRequestResponse): Body => res.json<Body>();

type Content = Record<string, { schema: object }>;
type Doc = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Content }; responses: Record<string, { content?: Content }> }>
  >;
};

/** 'get /api/v1/activities/:id' for every route the app serves (HEAD left out), read from its route tree. */
function servedRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD'))
      out.push(`${method.toLowerCase()} ${stack.join('')}`);
  }
  return out;
}

describe.each(backends)('HTTP API on $name', (backend) => {
  let t: TestDb;
  let app: FastifyInstance;
  let token: string;
  let otherToken: string;
  let athleteId: string;
  let queue: IngestQueue;
  const seen: Array<{ route: string; method: string; res: LightMyRequestResponse; json?: unknown }> = [];

  const call = async (route: string, opts: InjectOptions) => {
    const res = await app.inject(opts);
    const json =
      typeof opts.payload === 'object' && !Buffer.isBuffer(opts.payload)
        ? (opts.payload as unknown)
        : undefined;
    seen.push({ route, method: (opts.method ?? 'GET').toLowerCase(), res, json });
    return res;
  };
  const logPain = (payload: object, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    call('/api/v1/pain', { method: 'POST', url: '/api/v1/pain', payload, headers });
  const upload = (body: Uint8Array | string, query = '', headers: Record<string, string> = {}) =>
    call('/api/v1/uploads', {
      method: 'POST',
      url: `/api/v1/uploads${query}`,
      payload: typeof body === 'string' ? body : Buffer.from(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
    });

  beforeAll(async () => {
    t = await backend.open();
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now());
    const bob = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, now());
    athleteId = ada.id;
    token = (await createToken(t.db, ada.id, null, randomBytes(32), now())).token;
    otherToken = (await createToken(t.db, bob.id, null, randomBytes(32), now())).token;
    const ingestFile = createIngestFile({ db: t.db, clock: now, maxBytes: MAX });
    queue = createIngestQueue({ db: t.db, ingestFile, clock: now, maxBytes: MAX });
    app = createApi({ db: t.db, ingestFile, maxBytes: MAX, logger: silentLogger, clock: now, queue });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('answers 401 without a token and with a wrong one', async () => {
    const none = await call('/api/v1/uploads', {
      method: 'POST',
      url: '/api/v1/uploads',
      payload: Buffer.from(RUN),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect([none.statusCode, j(none).error.code]).toEqual([401, 'AUTH_MISSING']);
    const wrong = await upload(RUN, '', { authorization: 'Bearer rct_not-a-real-token' });
    expect([wrong.statusCode, j(wrong).error.code]).toEqual([401, 'AUTH_INVALID']);
    const list = await call('/api/v1/activities', { url: '/api/v1/activities' });
    expect(list.statusCode).toBe(401);
  });

  it('answers 201 for a new run, 200 for the same bytes again', async () => {
    const created = await upload(RUN, '?name=2026-11-20-07-31-02.fit');
    expect(created.statusCode).toBe(201);
    const { activityId, fileId } = j(created);
    expect(typeof activityId).toBe('string');
    const again = await upload(RUN, '?name=copy.fit');
    expect(again.statusCode).toBe(200);
    expect(j(again)).toEqual({ duplicateOf: activityId, reason: 'same-bytes', fileId });
  });

  it('with Prefer: respond-async answers 202 once the file is kept, and tells its outcome once read', async () => {
    const accepted = await upload(LATER, '?name=later.fit', { prefer: 'respond-async, wait=0' });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.headers['preference-applied']).toBe('respond-async');
    const { fileId } = accepted.json<{ fileId: string; status: string }>();
    expect(accepted.json()).toEqual({ fileId, status: 'pending' });
    expect(accepted.headers.location).toBe(`/api/v1/uploads/${fileId}`);
    const auth = { authorization: `Bearer ${token}` };
    // The same bytes while it is kept: the same file, not a second one.
    const twin = await upload(LATER, '?name=twin.fit', { prefer: 'respond-async' });
    if (twin.statusCode === 202) expect(twin.json()).toEqual({ fileId, status: 'pending' });
    else expect(j(twin)).toMatchObject({ reason: 'same-bytes', fileId });

    await queue.idle();
    const status = await call('/api/v1/uploads/:fileId', {
      url: `/api/v1/uploads/${fileId}`,
      headers: auth,
    });
    expect(status.statusCode).toBe(200);
    const { activityId } = status.json<{ activityId: string }>();
    expect(status.json()).toEqual({ fileId, status: 'imported', activityId });
    const detail = await call('/api/v1/activities/:id', {
      url: `/api/v1/activities/${activityId}`,
      headers: auth,
    });
    expect(detail.statusCode).toBe(200);
    // Read, the same bytes answer at once as a duplicate, as without the preference.
    const again = await upload(LATER, '?name=again.fit', { prefer: 'respond-async' });
    expect([again.statusCode, j(again).reason, j(again).duplicateOf]).toEqual([
      200,
      'same-bytes',
      activityId,
    ]);

    // Another athlete's upload, and an id that is not one, are not found.
    const theirs = await call('/api/v1/uploads/:fileId', {
      url: `/api/v1/uploads/${fileId}`,
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect([theirs.statusCode, j(theirs).error.code]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    const bad = await call('/api/v1/uploads/:fileId', { url: '/api/v1/uploads/nope', headers: auth });
    expect([bad.statusCode, j(bad).error.code]).toEqual([404, 'UPLOAD_NOT_FOUND']);
  });

  it('with Prefer: respond-async keeps a file it cannot read as failed, and says why', async () => {
    const accepted = await upload(randomBytes(64), '?name=noise.fit', { prefer: 'respond-async' });
    expect(accepted.statusCode).toBe(202);
    const { fileId } = accepted.json<{ fileId: string }>();
    await queue.idle();
    const status = await call('/api/v1/uploads/:fileId', {
      url: `/api/v1/uploads/${fileId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const body = status.json<{ fileId: string; status: string; error: { code: string } }>();
    expect([body.fileId, body.status]).toEqual([fileId, 'failed']);
    expect(body.error.code).toMatch(/^FIT_/);
  });

  it('takes a multipart upload with the filename of the form', async () => {
    const boundary = '----runcue-test';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fenix.fit"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(RUN2),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await call('/api/v1/uploads', {
      method: 'POST',
      url: '/api/v1/uploads',
      payload: body,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(res.statusCode).toBe(201);
    const files = await listFiles(t.db, { athleteId });
    expect(files.some((f) => f.originalName === 'fenix.fit' && f.arrival === 'upload')).toBe(true);
  });

  it('answers 422 with the FIT code for an undecodable file, and keeps it in quarantine', async () => {
    const res = await upload(NOT_FIT, '?name=broken.fit');
    expect(res.statusCode).toBe(422);
    expect(j(res).error.code).toMatch(/^FIT_/);
    const failed = await listFiles(t.db, { athleteId, status: 'failed' });
    expect(failed.map((f) => f.originalName)).toContain('broken.fit');
  });

  it('answers 413 over the size limit, 415 for other media types and names, 400 for a malformed request', async () => {
    const big = await upload(BIG, '?name=big.fit');
    expect([big.statusCode, j(big).error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const json = await upload('{"a":1}', '', { 'content-type': 'application/json' });
    expect([json.statusCode, j(json).error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const text = await upload('hello', '', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const txtName = await upload(RUN3, '?name=notes.txt');
    expect([txtName.statusCode, j(txtName).error.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const empty = await upload(new Uint8Array(0), '?name=x.fit');
    expect([empty.statusCode, j(empty).error.code]).toEqual([400, 'MALFORMED_UPLOAD']);
    const badQuery = await upload(RUN3, '?name=');
    expect([badQuery.statusCode, j(badQuery).error.code]).toEqual([400, 'INVALID_REQUEST']);
    const badSince = await call('/api/v1/activities', {
      url: '/api/v1/activities?since=yesterday',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([badSince.statusCode, j(badSince).error.code]).toEqual([400, 'INVALID_REQUEST']);
    for (const r of [big, json, text, txtName, empty, badQuery, badSince])
      expect(r.body).not.toMatch(/\n\s+at /);
  });

  it('takes a zip with one result per file, and refuses unsafe paths and bombs with their codes', async () => {
    const zip = writeZip([
      { name: 'a/run3.fit', data: RUN3 },
      { name: 'a/again.fit', data: RUN },
      { name: 'bomb.fit', data: new Uint8Array(40 * 1024 * 1024) },
    ]);
    const res = await upload(zip, '?name=export.zip');
    expect(res.statusCode).toBe(201);
    const body = j(res);
    expect(
      body.files.map((f: { status: string; error?: { code: string } }) => f.error?.code ?? f.status),
    ).toEqual([
      'imported',
      'duplicate',
      'ARCHIVE_ENTRY_TOO_LARGE', // 40 MB of zeros: past the per-entry limit before its ratio is judged
    ]);
    expect([body.imported, body.duplicates, body.failed]).toEqual([1, 1, 1]);
    const evil = await upload(writeZip([{ name: '../../escape.fit', data: RUN3 }]));
    expect([evil.statusCode, j(evil).files[0]?.error?.code, j(evil).failed]).toEqual([
      200,
      'ARCHIVE_UNSAFE_PATH',
      1,
    ]);
    expect(existsSync(path.resolve(process.cwd(), '../escape.fit'))).toBe(false);
    expect(existsSync(path.resolve(process.cwd(), '../../escape.fit'))).toBe(false);
  });

  it("lists the token's athlete's activities since a date and shows one; others' are 404", async () => {
    const all = await call('/api/v1/activities', {
      url: '/api/v1/activities',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(all.statusCode).toBe(200);
    const activities = j(all).activities as Array<{ id: string; startTime: string }>;
    // Three uploaded above, and one sent with Prefer: respond-async.
    expect(activities.length).toBe(4);
    const sorted = activities.map((a) => a.startTime).sort();
    const since = sorted[1] ?? '';
    const later = await call('/api/v1/activities', {
      url: `/api/v1/activities?since=${encodeURIComponent(since)}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(j(later).activities.length).toBe(3);
    const id = activities[0]?.id ?? '';
    const one = await call('/api/v1/activities/:id', {
      url: `/api/v1/activities/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(one.statusCode).toBe(200);
    expect(j(one).activity.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j(one).cadence).not.toBeNull();
    const theirs = await call('/api/v1/activities/:id', {
      url: `/api/v1/activities/${id}`,
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect([theirs.statusCode, j(theirs).error.code]).toEqual([404, 'RUN_NOT_FOUND']);
    const bogus = await call('/api/v1/activities/:id', {
      url: '/api/v1/activities/not-an-id',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bogus.statusCode).toBe(404);
  });

  it('logs pain against the latest run and answers with advice; refuses bad entries with their codes', async () => {
    const logged = await logPain({
      score: 4,
      where: 'lower-back',
      run: 'latest',
      note: 'stiff after the long run',
    });
    expect(logged.statusCode).toBe(201);
    type Logged = {
      entry: { score: number; activityId: string | null };
      advice: Array<{ id: string; kind: string; message: string; source: string }>;
      trainingWithheld: boolean;
    };
    const body = logged.json<Logged>();
    expect(body.entry).toMatchObject({ score: 4 });
    expect(body.entry.activityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.advice[0]).toMatchObject({ id: 'pain-stop', kind: 'safety' });
    expect(body.advice.some((i) => i.kind === 'training')).toBe(false);
    expect(body.advice.every((i) => i.source.length > 0 && !i.source.includes('.txt'))).toBe(true);
    const flagged = await logPain({ score: 1, flags: ['night-pain'] });
    expect(flagged.json<Logged>().trainingWithheld).toBe(true);
    expect(flagged.json<Logged>().advice.map((i) => i.id)).toEqual(['pain-red-flag']);
    // A later entry without flags does not lift it; the recorded clearance does.
    const later = await logPain({ score: 0 });
    expect(later.json<Logged>().advice[0]?.id).toBe('pain-red-flag');
    const cleared = await call('/api/v1/pain/cleared', {
      method: 'POST',
      url: '/api/v1/pain/cleared',
      headers: { authorization: `Bearer ${token}` },
      payload: { note: 'seen by the physio' },
    });
    expect(cleared.statusCode).toBe(201);
    const afterClear = cleared.json<Logged & { milestone: { kind: string } }>();
    expect(afterClear.milestone.kind).toBe('cleared');
    expect(afterClear.advice.map((i) => i.id)).not.toContain('pain-red-flag');
    const done = await call('/api/v1/pain/return-done', {
      method: 'POST',
      url: '/api/v1/pain/return-done',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(done.statusCode).toBe(201);
    const bad = await logPain({ score: 3.5 });
    expect([bad.statusCode, j(bad).error.code]).toEqual([400, 'INVALID_REQUEST']);
    const unknownRun = await logPain({ score: 2, run: '00000000-0000-4000-8000-000000000000' });
    expect([unknownRun.statusCode, j(unknownRun).error.code]).toEqual([404, 'RUN_NOT_FOUND']);
    const anonymous = await logPain({ score: 2 }, {});
    expect([anonymous.statusCode, j(anonymous).error.code]).toEqual([401, 'AUTH_MISSING']);
  });

  it('serves /healthz and the OpenAPI document, and every response above matches the document (regression: POST /api/v1/pain was missing from it)', async () => {
    const health = await call('/healthz', { url: '/healthz' });
    expect(j(health)).toEqual({ status: 'ok' });
    const docRes = await app.inject({ url: '/api/v1/openapi.json' });
    const doc = docRes.json<Doc & { openapi: string; components: { schemas: Record<string, object> } }>();
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const statuses = new Set<number>();
    const routes = new Set<string>();
    for (const { route, method, res, json } of seen) {
      routes.add(`${method} ${route}`);
      const openApiPath = route.replace(/:(\w+)/, '{$1}');
      const op = doc.paths[openApiPath]?.[method];
      expect(op, `${method} ${openApiPath} is documented`).toBeDefined();
      const spec = op?.responses[String(res.statusCode)];
      expect(spec, `${method} ${openApiPath} ${res.statusCode} is documented`).toBeDefined();
      const schema = spec?.content?.['application/json']?.schema;
      expect(schema).toBeDefined();
      const validate = ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"doc#/components')) as object,
      );
      const ok = validate(res.json<unknown>());
      expect(ok, `${method} ${openApiPath} ${res.statusCode}: ${JSON.stringify(validate.errors)}`).toBe(true);
      statuses.add(res.statusCode);
      // A request the API accepted must match the documented request body too.
      const requestSchema = op?.requestBody?.content['application/json']?.schema;
      if (json !== undefined && res.statusCode < 300) {
        expect(requestSchema, `${method} ${openApiPath} documents its JSON body`).toBeDefined();
        const validateRequest = ajv.compile(
          JSON.parse(JSON.stringify(requestSchema).replaceAll('"#/components', '"doc#/components')) as object,
        );
        expect(
          validateRequest(json),
          `${method} ${openApiPath} request: ${JSON.stringify(validateRequest.errors)}`,
        ).toBe(true);
      }
    }
    expect([...statuses].sort()).toEqual([200, 201, 202, 400, 401, 404, 413, 415, 422]);
    // Every route the API serves is in the document, and was called above and so checked against it.
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p.replace(/\{(\w+)\}/, ':$1')}`),
    );
    expect(servedRoutes(app).sort()).toEqual(documented.sort());
    expect([...routes].sort()).toEqual([
      'get /api/v1/activities',
      'get /api/v1/activities/:id',
      'get /api/v1/uploads/:fileId',
      'get /healthz',
      'post /api/v1/pain',
      'post /api/v1/pain/cleared',
      'post /api/v1/pain/return-done',
      'post /api/v1/uploads',
    ]);
  });
});
