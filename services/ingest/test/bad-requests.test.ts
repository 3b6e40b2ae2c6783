/**
 * Every bad request is a 4xx with a code, never a 500 with a stack trace in the log: multipart
 * bodies the parser cannot read, file names with NUL or control characters or over 255 bytes,
 * fields the API does not know. A form with several files answers per file, like a zip, and a zip
 * with one unsafe entry imports the safe ones. Names that reach the store are escaped, so a
 * newline in a zip entry cannot print a line of its own in a listing.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAthlete, createToken, listFiles } from '@runcue/store';
import { createIngestFile, hasControlCharacters } from '@runcue/operations';
import type { Logger } from '@runcue/operations';
import { backends, type TestDb } from '@runcue/store/testing';
import { createApi } from '../src/api/create-api.ts';
import { corpusBytes, writeZip } from '@runcue/scripts/fixtures';

const now = () => new Date('2026-11-22T08:00:00Z');
const MAX = 2_000_000;
const RUN_A = corpusBytes('ActivityLog2/310xt-run.fit');
const RUN_B = corpusBytes('ActivityLog2/920xt-run.fit');
const RUN_C = corpusBytes('elevate/20171011_run_2088390344.fit');
const RUN_D = corpusBytes('gpsbabel/garmin-forerunner-10.fit');
const BOUNDARY = 'runcue-boundary';

interface Body {
  error: { code: string; message: string };
  files: Array<{ name: string; status: string; error?: { code: string } }>;
  imported: number;
  duplicates: number;
  failed: number;
}

/** A multipart body: a file part for each part with a filename, a text field for the others. */
function form(
  parts: ReadonlyArray<{ field?: string; filename?: string; data: Uint8Array | string }>,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const file =
      p.filename === undefined ? '' : `; filename="${p.filename}"\r\nContent-Type: application/octet-stream`;
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"${file}\r\n\r\n`,
      ),
      Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

describe.each(backends)('bad requests on $name', (backend) => {
  let t: TestDb;
  let app: FastifyInstance;
  let token: string;
  let athleteId: string;
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };

  const post = (url: string, payload: Buffer | string, contentType: string) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    });
  const multipart = (payload: Buffer | string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    post('/api/v1/uploads', payload, contentType);
  const raw = (bytes: Uint8Array, query: string) =>
    post(`/api/v1/uploads${query}`, Buffer.from(bytes), 'application/octet-stream');
  const answer = (res: LightMyRequestResponse) => [res.statusCode, res.json<Body>().error?.code];
  const stored = async () => (await listFiles(t.db, { athleteId })).length;

  beforeAll(async () => {
    t = await backend.open();
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now());
    athleteId = ada.id;
    token = (await createToken(t.db, ada.id, null, randomBytes(32), now())).token;
    const ingestFile = createIngestFile({ db: t.db, clock: now, maxBytes: MAX });
    app = createApi({ db: t.db, ingestFile, maxBytes: MAX, logger, clock: now });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('answers 400 MALFORMED_UPLOAD for multipart bodies the parser cannot read, and logs nothing', async () => {
    const opening = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.fit"\r\n\r\n`;
    const bodies: Array<[string, Buffer | string, string?]> = [
      ['no closing boundary', Buffer.concat([Buffer.from(opening), Buffer.from(RUN_A)])],
      ['headers cut short', `--${BOUNDARY}\r\nContent-Disposition: form-da`],
      ['no multipart at all', 'hello, this is not a form'],
      ['no boundary in the content type', 'x', 'multipart/form-data'],
      ['an unterminated quoted boundary', 'x', 'multipart/form-data; boundary="'],
      [
        'a part with no headers end',
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.fit"\r\n`,
      ],
    ];
    for (const [what, body, type] of bodies) {
      const res = await multipart(body, type);
      expect([what, ...answer(res)]).toEqual([what, 400, 'MALFORMED_UPLOAD']);
      expect(res.body).not.toMatch(/\n\s+at /);
    }
    expect(await stored()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('refuses names with NUL or control characters and over-long names, storing nothing', async () => {
    const nul = await multipart(form([{ filename: 'run\u0000.fit', data: RUN_A }]));
    expect(answer(nul)).toEqual([400, 'INVALID_NAME']);
    expect(nul.json<Body>().error.message).toContain('run\\u0000.fit');
    expect(answer(await raw(RUN_A, '?name=run%00.fit'))).toEqual([400, 'INVALID_NAME']);
    expect(answer(await raw(RUN_A, '?name=run%0Aimported%20fake.fit'))).toEqual([400, 'INVALID_NAME']);
    expect(answer(await raw(RUN_A, '?name=%1B%5B31mred.fit'))).toEqual([400, 'INVALID_NAME']);
    expect(answer(await raw(RUN_A, '?name=%E2%80%AEtif.exe.fit'))).toEqual([400, 'INVALID_NAME']);
    const long = await multipart(form([{ filename: `${'a'.repeat(252)}.fit`, data: RUN_A }]));
    expect(answer(long)).toEqual([400, 'NAME_TOO_LONG']);
    expect(answer(await raw(RUN_A, `?name=${'é'.repeat(126)}.fit`))).toEqual([400, 'NAME_TOO_LONG']);
    expect(await stored()).toBe(0);
    // 255 bytes is still a name.
    expect((await raw(RUN_A, `?name=${'a'.repeat(251)}.fit`)).statusCode).toBe(201);
    expect(errors).toEqual([]);
  });

  it('refuses unknown fields: in the query, a form field that is not a file, a key of the pain body', async () => {
    expect(answer(await raw(RUN_A, '?name=a.fit&athlete=bob'))).toEqual([400, 'INVALID_REQUEST']);
    const field = await multipart(
      form([
        { filename: 'a.fit', data: RUN_A },
        { field: 'athlete', data: 'bob' },
      ]),
    );
    expect(answer(field)).toEqual([400, 'INVALID_REQUEST']);
    expect(field.json<Body>().error.message).toContain('"athlete"');
    const pain = await post(
      '/api/v1/pain',
      JSON.stringify({ score: 2, severity: 'high' }),
      'application/json',
    );
    expect(answer(pain)).toEqual([400, 'INVALID_REQUEST']);
    const nulNote = await post(
      '/api/v1/pain',
      JSON.stringify({ score: 2, note: 'a\u0000b' }),
      'application/json',
    );
    expect(answer(nulNote)).toEqual([400, 'INVALID_REQUEST']);
    expect(errors).toEqual([]);
  });

  it('answers a form with several files per file, like a zip: one bad file costs only itself', async () => {
    const before = await stored();
    const res = await multipart(
      form([
        { filename: 'b.fit', data: RUN_B },
        { field: 'file2', filename: 'notes.txt', data: 'hello' },
        { field: 'file3', filename: 'bad\u0000name.fit', data: RUN_D },
        { field: 'file4', filename: 'c.fit', data: RUN_C },
        { field: 'file5', filename: 'again.fit', data: RUN_B },
        { field: 'file6', filename: 'empty.fit', data: '' },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json<Body>();
    expect(body.files.map((f) => `${f.name} ${f.status} ${f.error?.code ?? ''}`.trim())).toEqual([
      'b.fit imported',
      'notes.txt failed UNSUPPORTED_FILE_TYPE',
      'bad\\u0000name.fit failed INVALID_NAME',
      'c.fit imported',
      'again.fit duplicate',
      'empty.fit failed MALFORMED_UPLOAD',
    ]);
    expect([body.imported, body.duplicates, body.failed]).toEqual([2, 1, 3]);
    expect(await stored()).toBe(before + 2);
    const named = await multipart(
      form([
        { filename: 'x.fit', data: RUN_B },
        { field: 'f2', filename: 'y.fit', data: RUN_C },
      ]),
    );
    expect(named.statusCode).toBe(200); // both already stored
    expect(errors).toEqual([]);
  });

  it('imports the safe entries of a zip with an unsafe one and reports it; escapes control characters in stored names', async () => {
    const zip = writeZip([
      { name: '../../etc/evil.fit', data: RUN_A },
      { name: 'runs/d.fit', data: RUN_D },
      { name: 'runs/new\nline\u0000.fit', data: RUN_A },
    ]);
    const res = await raw(zip, '?name=export.zip');
    expect(res.statusCode).toBe(201);
    const body = res.json<Body>();
    expect(body.files.map((f) => `${f.name} ${f.status} ${f.error?.code ?? ''}`.trim())).toEqual([
      'export.zip!/../../etc/evil.fit failed ARCHIVE_UNSAFE_PATH',
      'export.zip!/runs/d.fit imported',
      'export.zip!/runs/new\\nline\\u0000.fit duplicate',
    ]);
    const names = (await listFiles(t.db, { athleteId })).map((f) => f.originalName);
    expect(names).toContain('export.zip!/runs/d.fit');
    expect(names.every((n) => !hasControlCharacters(n))).toBe(true);
    expect(errors).toEqual([]);
  });
});
