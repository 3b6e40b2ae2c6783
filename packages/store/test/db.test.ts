import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromPg, migrate, migrations, type Migration } from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';

describe.each(backends)('Db seam and migrations on $name', (backend) => {
  const t = useTestDb(backend, { migrated: false });
  beforeEach(async () => {});

  it('applies every migration on a fresh schema and nothing on a re-run', async () => {
    const first = await migrate(t.db);
    expect(first.applied).toEqual(migrations.map((m) => m.version));
    const second = await migrate(t.db);
    expect(second).toEqual({ applied: [], version: first.version });
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(migrations.length);
    const tables = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'athletes',
        'api_tokens',
        'sources',
        'files',
        'activities',
        'samples',
        'analyses',
        'pain_entries',
        'shoes',
        'outbox',
        'sent_cues',
        'schema_migrations',
      ]),
    );
  });

  it('upgrades a schema at an older version by applying only the newer migrations', async () => {
    const [oldest] = migrations;
    if (!oldest) throw new Error('no migrations');
    expect((await migrate(t.db, [oldest])).applied).toEqual([oldest.version]);
    const upgrade = await migrate(t.db);
    expect(upgrade.applied).toEqual(migrations.slice(1).map((m) => m.version));
    expect(upgrade.applied.length).toBeGreaterThan(0);
  });

  it('two migrate calls at once apply each version exactly once', async () => {
    const results = await Promise.all([migrate(t.db), migrate(t.openAnother())]);
    const applied = results.flatMap((r) => r.applied).sort((a, b) => a - b);
    expect(applied).toEqual(migrations.map((m) => m.version));
  });

  it('a failing migration leaves no trace and is not recorded', async () => {
    await migrate(t.db);
    const broken: Migration = {
      version: 999,
      name: 'broken',
      statements: ['CREATE TABLE half_done (id int)', 'SELECT * FROM missing_table'],
    };
    await expect(migrate(t.db, [...migrations, broken])).rejects.toThrow(/missing_table/);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM schema_migrations WHERE version = 999)::int
            + (SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done')::int AS n`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('binds $n placeholders of every type the store uses', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 254, 255]);
    const when = new Date('2026-03-29T01:30:00.000Z');
    const { rows } = await t.db.query<{
      a: number;
      b: string;
      c: Uint8Array;
      d: Date;
      e: string[];
      f: { x: number[] };
      g: null;
    }>(
      'SELECT $1::float8 AS a, $2::text AS b, $3::bytea AS c, $4::timestamptz AS d, $5::text[] AS e, $6::jsonb AS f, $7::text AS g',
      [1.5, 'héllo', bytes, when, ['x', 'y'], JSON.stringify({ x: [1, 2] }), null],
    );
    const row = rows[0];
    expect(row?.a).toBe(1.5);
    expect(row?.b).toBe('héllo');
    expect([...(row?.c ?? [])]).toEqual([...bytes]);
    expect(row?.d.toISOString()).toBe(when.toISOString());
    expect(row?.e).toEqual(['x', 'y']);
    expect(row?.f).toEqual({ x: [1, 2] });
    expect(row?.g).toBeNull();
  });

  it('commits a transaction that resolves and rolls back one that throws, leaving nothing', async () => {
    await t.db.query('CREATE TABLE things (n int)');
    const value = await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO things VALUES ($1)', [1]);
      return 'done';
    });
    expect(value).toBe('done');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO things VALUES ($1)', [2]);
        await tx.query('INSERT INTO things VALUES ($1)', [3]);
        throw new Error('crash after two writes');
      }),
    ).rejects.toThrow('crash after two writes');
    const { rows } = await t.db.query<{ n: number }>('SELECT n FROM things ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1]);
  });

  it('a nested transaction is a savepoint: its rollback keeps the outer work', async () => {
    await t.db.query('CREATE TABLE things (n int)');
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO things VALUES (1)');
      await expect(
        tx.transaction(async (inner) => {
          await inner.query('INSERT INTO things VALUES (2)');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => inner.query('INSERT INTO things VALUES (3)'));
    });
    const { rows } = await t.db.query<{ n: number }>('SELECT n FROM things ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 3]);
  });

  it("holds a transaction's advisory lock from its start to its end, whatever its key holds", async () => {
    const lock = { classId: 7_316_099, key: "runner's \\ key" };
    const held = async (db: typeof t.db, mine: boolean) =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
             AND classid = $1 AND objid = (hashtext($2)::bigint & 4294967295)::oid
             AND ($3::boolean IS FALSE OR pid = pg_backend_pid())`,
          [lock.classId, lock.key, mine],
        )
      ).rows[0]?.n;
    const inside = await t.db.transaction(async (tx) => held(tx, true), { lock });
    expect(inside).toBe(1);
    expect(await held(t.db, false)).toBe(0);
    await expect(
      t.db.transaction(() => Promise.resolve(), { lock: { classId: 2 ** 31, key: 'x' } }),
    ).rejects.toThrow(RangeError);
  });

  if (backend.name === 'postgres')
    it('a transaction waiting for a lock sees, once it has it, what the holder committed', async () => {
      await t.db.query('CREATE TABLE things (n int)');
      const lock = { classId: 7_316_099, key: 'athlete' };
      const other = t.openAnother();
      const waiting = async () =>
        (
          await t.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1`,
            [lock.classId],
          )
        ).rows[0]?.n === 1;
      let second: Promise<number | undefined> = Promise.resolve(undefined);
      await t.db.transaction(
        async (tx) => {
          await tx.query('INSERT INTO things VALUES (1)');
          second = other.transaction(
            async (tx2) =>
              (await tx2.query<{ n: number }>('SELECT count(*)::int AS n FROM things')).rows[0]?.n,
            { lock },
          );
          while (!(await waiting())) await new Promise((resolve) => setImmediate(resolve));
        },
        { lock },
      );
      expect(await second).toBe(1);
    });

  it('runs a statement with parameters again and again, in and out of transactions, also one that failed', async () => {
    await t.db.query('CREATE TABLE things (n int PRIMARY KEY)');
    const insert = 'INSERT INTO things VALUES ($1) RETURNING n';
    for (let n = 1; n <= 3; n++) expect((await t.db.query(insert, [n])).rows).toEqual([{ n }]);
    await expect(t.db.query(insert, [1])).rejects.toThrow(/duplicate key/);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(insert, [4]);
        await tx.query(insert, [4]);
      }),
    ).rejects.toThrow(/duplicate key/);
    await t.db.transaction(async (tx) => tx.query(insert, [5]));
    // More distinct statements than are kept prepared: the later ones run all the same.
    for (let k = 0; k < 210; k++) await t.db.query(`SELECT $1::int + ${k} AS n`, [1]);
    const { rows } = await t.db.query<{ n: number }>('SELECT n FROM things WHERE n > $1 ORDER BY n', [0]);
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 5]);
  });

  if (backend.name === 'postgres')
    it('two adapters over one pool agree on what they prepared, and one that prepares nothing works beside them', async () => {
      await t.db.query('CREATE TABLE things (n int)');
      const pool = new pg.Pool({ connectionString: t.url ?? '', max: 1 });
      try {
        const [first, second, plain] = [fromPg(pool), fromPg(pool), fromPg(pool, { prepare: false })];
        // Each adapter meets the statements in its own order, on the pool's one connection.
        await first.query('INSERT INTO things VALUES ($1)', [1]);
        await second.query('SELECT count(*)::int AS n FROM things WHERE n > $1', [0]);
        await second.query('INSERT INTO things VALUES ($1)', [2]);
        await plain.query('INSERT INTO things VALUES ($1)', [3]);
        const { rows } = await first.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM things WHERE n > $1',
          [0],
        );
        expect(rows).toEqual([{ n: 3 }]);
      } finally {
        await pool.end();
      }
    });

  if (backend.name === 'postgres')
    it('uncommitted writes are invisible to other connections', async () => {
      await t.db.query('CREATE TABLE things (n int)');
      const other = t.openAnother();
      await t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO things VALUES (1)');
        const seen = await other.query<{ n: number }>('SELECT count(*)::int AS n FROM things');
        expect(seen.rows[0]?.n).toBe(0);
      });
      const after = await other.query<{ n: number }>('SELECT count(*)::int AS n FROM things');
      expect(after.rows[0]?.n).toBe(1);
    });
});
