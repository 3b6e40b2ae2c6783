import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAthlete, createToken, fromPglite, latestPainEntries, migrate, type Db } from '@runcue/store';
import { createApi } from '../api/create-api.ts';
import { silentLogger } from '@runcue/operations';

let pglite: PGlite;
let db: Db;
let token: string;
let athleteId: string;
const now = () => new Date('2026-11-20T18:00:00Z');

beforeAll(async () => {
  pglite = await PGlite.create();
  db = fromPglite(pglite);
  await migrate(db);
  const athlete = await createAthlete(db, { name: 'Ada', email: 'ada@example.org' }, now());
  athleteId = athlete.id;
  ({ token } = await createToken(db, athlete.id, 'test', randomBytes(32), now()));
});
afterAll(async () => {
  await pglite.close();
});

function api() {
  return createApi({
    db,
    ingestFile: () => Promise.reject(new Error('no uploads here')),
    maxBytes: 1024,
    logger: silentLogger,
    clock: now,
  });
}

describe('POST /api/v1/pain', () => {
  it('logs the entry and answers with stop-and-rest advice and no training at 4/10', async () => {
    const res = await api().inject({
      method: 'POST',
      url: '/api/v1/pain',
      headers: { authorization: `Bearer ${token}` },
      payload: { score: 4, where: 'lower-back' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      entry: { score: number };
      advice: Array<{ id: string; kind: string }>;
      trainingWithheld: boolean;
    }>();
    expect(body.entry.score).toBe(4);
    expect(body.advice[0]).toMatchObject({ id: 'pain-stop', kind: 'safety' });
    expect(body.advice.map((i) => i.id)).toContain('return-to-run');
    expect(body.advice.filter((i) => i.kind === 'training')).toEqual([]);
    expect(body.trainingWithheld).toBe(true);
    expect((await latestPainEntries(db, athleteId, 5))[0]?.score).toBe(4);
  });

  it('says to see a professional for a red flag and pauses training advice', async () => {
    const res = await api().inject({
      method: 'POST',
      url: '/api/v1/pain',
      headers: { authorization: `Bearer ${token}` },
      payload: { score: 1, flags: ['leg-weakness'] },
    });
    const body = res.json<{
      advice: Array<{ id: string; kind: string; message: string }>;
      trainingWithheld: boolean;
    }>();
    expect(body.advice[0]).toMatchObject({ id: 'pain-red-flag', kind: 'safety' });
    expect(body.advice[0]?.message).toMatch(/doctor|physio/i);
    expect(body.trainingWithheld).toBe(true);
  });

  it('refuses a bad score, an unknown run and a missing token with their codes', async () => {
    const bad = await api().inject({
      method: 'POST',
      url: '/api/v1/pain',
      headers: { authorization: `Bearer ${token}` },
      payload: { score: 11 },
    });
    expect([bad.statusCode, bad.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'INVALID_REQUEST',
    ]);
    const run = await api().inject({
      method: 'POST',
      url: '/api/v1/pain',
      headers: { authorization: `Bearer ${token}` },
      payload: { score: 2, run: 'latest' },
    });
    expect([run.statusCode, run.json<{ error: { code: string } }>().error.code]).toEqual([
      404,
      'RUN_NOT_FOUND',
    ]);
    const anon = await api().inject({ method: 'POST', url: '/api/v1/pain', payload: { score: 2 } });
    expect(anon.statusCode).toBe(401);
  });
});
