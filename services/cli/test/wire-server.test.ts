import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPg, fromPglite } from '@runcue/store';
import type { Db } from '@runcue/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDbGate, gateDb, type DbGate } from '../src/db-gate.ts';
import { serveWireProtocol } from '../src/wire-server.ts';
import type { WireServer } from '../src/wire-server.ts';

/**
 * The gate, watched: `queued()` resolves once some statement is waiting for its turn (asked for
 * it and not given it), the event a test waits on before checking that the statement is held.
 */
function watchedGate(): DbGate & { queued(): Promise<void> } {
  const inner = createDbGate();
  let waiting = 0;
  let onQueued: (() => void) | null = null;
  const acquire = async () => {
    waiting += 1;
    onQueued?.();
    const release = await inner.acquire();
    waiting -= 1;
    return release;
  };
  return {
    acquire,
    async run(fn) {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    queued: () =>
      new Promise<void>((resolve) => {
        if (waiting > 0) return resolve();
        onQueued = () => {
          onQueued = null;
          resolve();
        };
      }),
  };
}

/** Whether `p` is still pending once a statement waits at the gate (and its callbacks have run). */
async function isHeld(p: Promise<unknown>, gate: { queued(): Promise<void> }): Promise<boolean> {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await gate.queued();
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('serveWireProtocol: PGlite shared over a Unix socket', () => {
  let dir: string;
  let pglite: PGlite;
  let server: WireServer;
  let local: Db;
  let gate: ReturnType<typeof watchedGate>;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  const values = async () =>
    (await local.query<{ v: number }>('SELECT v FROM t ORDER BY v')).rows.map((r) => r.v);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-wire-'));
    pglite = await PGlite.create();
    gate = watchedGate();
    server = await serveWireProtocol(pglite, gate, path.join(dir, '.s.PGSQL.5432'));
    local = gateDb(fromPglite(pglite), gate);
    await local.query('CREATE TABLE t (v int PRIMARY KEY)');
  });
  beforeEach(async () => {
    await local.query('DELETE FROM t');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await server.close();
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers parameterised queries with pg types', async () => {
    const client = await connect();
    const { rows } = await client.query<{ n: number; s: string; b: Buffer }>(
      'SELECT $1::int AS n, $2::text AS s, $3::bytea AS b',
      [7, 'seven', Buffer.from([1, 2])],
    );
    expect(rows).toEqual([{ n: 7, s: 'seven', b: Buffer.from([1, 2]) }]);
  });

  it('keeps the turn for a transaction whose lock came in one query with its BEGIN (fromPg), until it ends', async () => {
    const pool = new pg.Pool({ host: dir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
    try {
      const remote = fromPg(pool, { prepare: false });
      let ownInsert: Promise<unknown> = Promise.resolve();
      await remote.transaction(
        async (tx) => {
          await tx.query('INSERT INTO t VALUES ($1)', [5]);
          ownInsert = local.query('INSERT INTO t VALUES (6)');
          expect(await isHeld(ownInsert, gate)).toBe(true);
        },
        { lock: { classId: 7_316_043, key: 'athlete' } },
      );
      await ownInsert;
      expect(await values()).toEqual([5, 6]);
    } finally {
      await pool.end();
    }
  });

  it("keeps this process's statements out of a client's open transaction, so its ROLLBACK does not undo them", async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES ($1)', [1]);
    const ownInsert = local.query('INSERT INTO t VALUES (2)');
    expect(await isHeld(ownInsert, gate)).toBe(true);
    await client.query('ROLLBACK');
    await ownInsert;
    expect(await values()).toEqual([2]);
  });

  it("makes a second client wait for the first one's transaction, then see its commit", async () => {
    const a = await connect();
    const b = await connect();
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES ($1)', [3]);
    const read = b.query<{ n: string }>('SELECT count(*) AS n FROM t');
    expect(await isHeld(read, gate)).toBe(true);
    await a.query('COMMIT');
    expect((await read).rows).toEqual([{ n: '1' }]);
  });

  it("makes a client wait for this process's transaction", async () => {
    const client = await connect();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted = (): void => undefined;
    const insertedInTx = new Promise<void>((resolve) => (inserted = resolve));
    const tx = local.transaction(async (t) => {
      await t.query('INSERT INTO t VALUES (4)');
      inserted();
      await held;
    });
    await insertedInTx;
    const read = client.query('SELECT v FROM t');
    expect(await isHeld(read, gate)).toBe(true);
    release();
    await tx;
    expect((await read).rows).toEqual([{ v: 4 }]);
  });

  it('rolls back a client that disconnects mid-transaction and lets the others go on', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES ($1)', [5]);
    const ownInsert = local.query('INSERT INTO t VALUES (6)');
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await ownInsert;
    expect(await values()).toEqual([6]);
    expect(pglite.isInTransaction()).toBe(false);
  });

  it('reports an error inside a transaction and stays usable after ROLLBACK', async () => {
    const client = await connect();
    await client.query('BEGIN');
    await expect(client.query('INSERT INTO t VALUES ($1)', ['not a number'])).rejects.toThrow(
      /invalid input syntax for type integer/,
    );
    await client.query('ROLLBACK');
    await client.query('INSERT INTO t VALUES ($1)', [8]);
    expect(await values()).toEqual([8]);
  });
});
