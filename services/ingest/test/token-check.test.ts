import { describe, expect, it } from 'vitest';
import { createAthlete, createToken, listTokens, revokeToken } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { createTokenCheck } from '../src/api/token-check.ts';

const T0 = new Date('2026-11-22T08:00:00Z');
const seed = (n: number) => new Uint8Array(32).fill(n);

describe.each(backends)('token check on $name', (backend) => {
  const t = useTestDb(backend);

  it('answers many requests at once in the order they came, each with its own token’s athlete, and null for an unknown one', async () => {
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, T0);
    const bob = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, T0);
    const a = await createToken(t.db, ada.id, null, seed(1), T0);
    const b = await createToken(t.db, bob.id, null, seed(2), T0);
    const check = createTokenCheck(t.db, () => T0);
    const asked = Array.from({ length: 30 }, (_, i) => [a.token, b.token, 'rct_unknown'][i % 3] ?? '');
    const answered: number[] = [];
    const found = await Promise.all(
      asked.map((token, i) =>
        check.athleteFor(token).then((athlete) => {
          answered.push(i);
          return athlete;
        }),
      ),
    );
    // In the order they came, not grouped by token: uploads then wait for their turn in that order.
    expect(answered).toEqual(asked.map((_, i) => i));
    expect(found.map((athlete) => athlete?.name ?? null)).toEqual(
      asked.map((token) => (token === a.token ? 'Ada' : token === b.token ? 'Bob' : null)),
    );
    expect((await listTokens(t.db, ada.id))[0]?.lastUsedAt?.toISOString()).toBe(T0.toISOString());
  });

  it('refuses a token revoked before its request came, though a lookup of it was running', async () => {
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, T0);
    const { token, id } = await createToken(t.db, ada.id, null, seed(3), T0);
    const check = createTokenCheck(t.db, () => T0);
    const first = check.athleteFor(token);
    await revokeToken(t.db, id, T0);
    const second = check.athleteFor(token);
    await first;
    expect(await second).toBeNull();
    expect(await check.athleteFor(token)).toBeNull();
  });
});
