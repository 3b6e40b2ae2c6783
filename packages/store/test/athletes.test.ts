import { beforeEach, describe, expect, it } from 'vitest';
import {
  StoreError,
  addSource,
  analysisOptionsOf,
  coachThresholdsOf,
  createAthlete,
  createToken,
  deleteAthlete,
  findAthleteByToken,
  getAthlete,
  hashToken,
  listAthletes,
  listSources,
  listTokens,
  resolveAthlete,
  revokeToken,
  trendThresholdsOf,
  updateAthlete,
  wantsEmail,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at } from './fixtures.ts';

const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) % 256);

describe.each(backends)('athletes, tokens and sources on $name', (backend) => {
  const t = useTestDb(backend);
  beforeEach(async () => {});

  it('creates an athlete with the documented defaults and finds it by id, name or email', async () => {
    const ada = await createAthlete(t.db, { name: ' Ada ', email: 'Ada@Example.org' }, T0);
    expect(ada).toMatchObject({
      name: 'Ada',
      email: 'Ada@Example.org',
      timeZone: 'UTC',
      cadenceThresholdSpm: 170,
      weeklyReviewDay: 1,
      weeklyReviewTime: '07:00',
      units: 'km',
      settings: {},
    });
    expect(ada.createdAt.toISOString()).toBe(T0.toISOString());
    expect(await getAthlete(t.db, ada.id)).toEqual(ada);
    expect(await getAthlete(t.db, 'not-an-id')).toBeNull();
    expect((await resolveAthlete(t.db, 'ada')).id).toBe(ada.id);
    expect((await resolveAthlete(t.db, 'ada@example.org')).id).toBe(ada.id);
    await expect(resolveAthlete(t.db, 'bob')).rejects.toMatchObject({ code: 'ATHLETE_NOT_FOUND' });
    await createAthlete(t.db, { name: 'Ada', email: 'other@example.org' }, at(1));
    await expect(resolveAthlete(t.db, 'Ada')).rejects.toMatchObject({ code: 'ATHLETE_AMBIGUOUS' });
    expect((await listAthletes(t.db)).map((a) => a.email)).toEqual(['Ada@Example.org', 'other@example.org']);
  });

  it('refuses an email another athlete has (any case), on add and on change; deleteAthlete takes all of theirs', async () => {
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, T0);
    await expect(
      createAthlete(t.db, { name: 'Twin', email: 'ADA@example.org' }, at(1)),
    ).rejects.toMatchObject({
      code: 'ATHLETE_EMAIL_TAKEN',
    });
    const bob = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, at(1));
    await expect(updateAthlete(t.db, bob.id, { email: 'Ada@Example.org' })).rejects.toMatchObject({
      code: 'ATHLETE_EMAIL_TAKEN',
    });
    expect((await updateAthlete(t.db, ada.id, { email: 'ADA@example.org' }))?.email).toBe('ADA@example.org');
    await addSource(t.db, ada.id, '/watch/ada', at(2));
    await createToken(t.db, ada.id, 'phone', seed(1), at(2));
    expect(await deleteAthlete(t.db, ada.id)).toBe(true);
    expect(await deleteAthlete(t.db, ada.id)).toBe(false);
    expect((await listAthletes(t.db)).map((a) => a.name)).toEqual(['Bob']);
    expect(await listSources(t.db)).toEqual([]);
    expect(await listTokens(t.db, ada.id)).toEqual([]);
  });

  it('refuses an unknown time zone and a malformed email', async () => {
    await expect(
      createAthlete(t.db, { name: 'X', email: 'x@y.z', timeZone: 'Mars/Olympus' }, T0),
    ).rejects.toBeInstanceOf(StoreError);
    await expect(createAthlete(t.db, { name: 'X', email: 'nope' }, T0)).rejects.toMatchObject({
      code: 'INVALID_ATHLETE',
    });
  });

  it('updates settings and review time', async () => {
    const ada = await addRunner(t.db);
    const updated = await updateAthlete(t.db, ada.id, {
      cadenceThresholdSpm: 165,
      weeklyReviewDay: 7,
      weeklyReviewTime: '18:30',
      settings: { rampFlagPercent: 8 },
    });
    expect(updated).toMatchObject({
      cadenceThresholdSpm: 165,
      weeklyReviewDay: 7,
      weeklyReviewTime: '18:30',
      settings: { rampFlagPercent: 8 },
      name: 'Ada',
    });
    await expect(updateAthlete(t.db, ada.id, { weeklyReviewTime: '25:00' })).rejects.toThrow();
  });

  it('checks settings against the schema once, when they are written', async () => {
    const ada = await addRunner(t.db);
    const refused = async (settings: Record<string, unknown>) =>
      (await updateAthlete(t.db, ada.id, { settings }).catch((e: unknown) => e)) as StoreError;
    expect(await refused({ speedLimit: 3 })).toMatchObject({
      code: 'INVALID_ATHLETE',
      message: 'runcue has no setting called speedLimit',
    });
    expect((await refused({ rampFlagPercent: -1 })).message).toMatch(/^setting rampFlagPercent: /);
    expect((await refused({ postRunEmail: 'no' })).message).toMatch(/^setting postRunEmail: /);
    // No setting weakens a safety rule: the load alarm can be made stricter, never silenced, and the
    // pain and red-flag rules have no setting at all.
    expect((await refused({ rampFlagPercent: 25 })).message).toBe(
      'setting rampFlagPercent: can be lowered to flag a load spike sooner, not raised above 10: a spike always gets a reduction',
    );
    expect((await refused({ acuteChronicFlagRatio: 2 })).message).toMatch(/not raised above 1\.3/);
    expect((await refused({ acuteChronicMinHistoryDays: 60 })).message).toMatch(/not raised above 21/);
    for (const pain of ['painStopScore', 'severePainScore', 'redFlagDays', 'painWindowDays'])
      expect((await refused({ [pain]: 9 })).message).toBe(`runcue has no setting called ${pain}`);
    expect(trendThresholdsOf({ rampFlagPercent: 5, acuteChronicFlagRatio: 1.2 })).toEqual({
      rampFlagPercent: 5,
      acuteChronicFlagRatio: 1.2,
    });
    // A looser value stored before the ceilings were checked is held to them when read.
    expect(trendThresholdsOf({ rampFlagPercent: 30, acuteChronicMinHistoryDays: 60 })).toEqual({
      rampFlagPercent: 10,
      acuteChronicMinHistoryDays: 21,
    });
    const stray: Record<string, unknown> = { cadenceThresholdSpm: 160 }; // a column, not a setting
    await expect(
      createAthlete(t.db, { name: 'Bob', email: 'bob@example.org', settings: stray }, T0),
    ).rejects.toThrow('runcue has no setting called cadenceThresholdSpm');
    const kept = await updateAthlete(t.db, ada.id, {
      settings: { postRunEmail: false, minLowCadenceStretchS: 90, longRunM: 18_000 },
    });
    expect(kept?.settings).toEqual({ postRunEmail: false, minLowCadenceStretchS: 90, longRunM: 18_000 });
    expect(analysisOptionsOf(kept ?? ada)).toEqual({ cadenceThresholdSpm: 170, minLowCadenceStretchS: 90 });
    expect(coachThresholdsOf(kept?.settings ?? {})).toEqual({ longRunM: 18_000 });
    expect(wantsEmail(kept?.settings ?? {}, 'run-summary')).toBe(false);
    expect(wantsEmail(kept?.settings ?? {}, 'weekly-review')).toBe(true);
  });

  it('stores units as km or mi, and moves the old words over', async () => {
    const ada = await addRunner(t.db);
    expect(ada.units).toBe('km');
    expect((await updateAthlete(t.db, ada.id, { units: 'mi' }))?.units).toBe('mi');
    await expect(t.db.query(`UPDATE athletes SET units = 'imperial'`)).rejects.toThrow();
  });

  it('stores only the sha256 of a token, finds the athlete by it, and stops after revocation', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    const { token, id } = await createToken(t.db, ada.id, 'phone', seed(1), T0);
    const other = await createToken(t.db, bob.id, null, seed(2), T0);
    expect(token).not.toBe(other.token);
    const stored = await t.db.query<{ token_sha256: string }>(
      'SELECT token_sha256 FROM api_tokens WHERE id::text = $1',
      [id],
    );
    expect(stored.rows[0]?.token_sha256).toBe(hashToken(token));
    const all = JSON.stringify((await t.db.query('SELECT * FROM api_tokens')).rows);
    expect(all).not.toContain(token);

    expect((await findAthleteByToken(t.db, token))?.id).toBe(ada.id);
    expect((await findAthleteByToken(t.db, other.token, at(5)))?.id).toBe(bob.id);
    expect((await listTokens(t.db, bob.id))[0]?.lastUsedAt?.toISOString()).toBe(at(5).toISOString());
    expect(await findAthleteByToken(t.db, token + 'x')).toBeNull();

    expect(await revokeToken(t.db, id, at(10))).toMatchObject({ id, label: 'phone' });
    expect(await findAthleteByToken(t.db, token, at(11))).toBeNull();
    expect(await revokeToken(t.db, id, at(12))).toBeNull();
    await expect(createToken(t.db, ada.id, null, new Uint8Array(8), T0)).rejects.toMatchObject({
      code: 'INVALID_TOKEN_SEED',
    });
  });

  it("writes a token's last use at most once a minute", async () => {
    const ada = await addRunner(t.db);
    const { token } = await createToken(t.db, ada.id, null, seed(3), T0);
    const lastUsed = async () => (await listTokens(t.db, ada.id))[0]?.lastUsedAt?.toISOString();
    const used = await Promise.all(Array.from({ length: 5 }, () => findAthleteByToken(t.db, token, at(5))));
    expect(used.map((a) => a?.id)).toEqual(Array(5).fill(ada.id));
    expect(await lastUsed()).toBe(at(5).toISOString());
    // 59 s later: still the first use of that minute; found all the same.
    const soon = new Date(at(5).getTime() + 59_000);
    expect((await findAthleteByToken(t.db, token, soon))?.id).toBe(ada.id);
    expect(await lastUsed()).toBe(at(5).toISOString());
    expect((await findAthleteByToken(t.db, token, at(6)))?.id).toBe(ada.id);
    expect(await lastUsed()).toBe(at(6).toISOString());
  });

  it('adds a folder source once and refuses it for a second athlete', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    const first = await addSource(t.db, ada.id, '/sync/ada', T0);
    expect(await addSource(t.db, ada.id, '/sync/ada', at(1))).toEqual(first);
    await expect(addSource(t.db, bob.id, '/sync/ada', T0)).rejects.toMatchObject({ code: 'SOURCE_TAKEN' });
    await addSource(t.db, bob.id, '/sync/bob', at(2));
    expect((await listSources(t.db)).map((s) => s.path)).toEqual(['/sync/ada', '/sync/bob']);
    expect((await listSources(t.db, bob.id)).map((s) => s.path)).toEqual(['/sync/bob']);
  });
});
