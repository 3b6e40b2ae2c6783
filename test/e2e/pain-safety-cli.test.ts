/**
 * The safety promises as a runner meets them on the command line: after `runcue pain 6` no
 * training item; after `runcue pain 8 --where leg` a safety item first; a red flag that holds
 * through later flag-free entries until `runcue pain cleared`; and `runcue report --json` giving
 * the run's own advice items. The real binary against its own PostgreSQL schema.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresBackend, useSuiteDb } from '@runcue/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_ADA, corpus, runRuncue } from './ingest-harness.ts';

const pgdb = useSuiteDb(postgresBackend, { migrated: false });
let home: string;

interface Item {
  id: string;
  kind: 'training' | 'recovery' | 'safety';
  message: string;
  reason: string;
  source: string;
}
interface PainJson {
  advice: Item[];
  trainingWithheld: boolean;
  notes: string[];
}

/** The real binary on this file's PostgreSQL schema, with no SMTP server. */
function runcue(args: readonly string[]) {
  return runRuncue(args, home, { RUNCUE_DATABASE_URL: pgdb.url ?? '', INIT_CWD: home });
}

async function pain(...args: string[]): Promise<PainJson> {
  const r = await runcue(['pain', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PainJson;
}

const ids = (p: PainJson) => p.advice.map((i) => i.id);

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-pain-safety-'));
  const add = await runcue(ADD_ADA);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('runcue pain --json', () => {
  it('after pain 6: no training item, stop-and-rest first, sources by title', async () => {
    const p = await pain('6');
    expect(p.advice.some((i) => i.kind === 'training')).toBe(false);
    expect(p.advice[0]).toMatchObject({ id: 'pain-stop', kind: 'safety' });
    expect(p.trainingWithheld).toBe(true);
    for (const item of p.advice) {
      expect(Object.keys(item).sort()).toEqual(['id', 'kind', 'message', 'reason', 'source']);
      expect(item.source).not.toMatch(/\.txt/);
    }
    expect(p.advice.map((i) => i.source).join(' ')).toContain('Lower Back');
  });

  it('after pain 8 --where leg: a safety item first that says see a doctor or physiotherapist', async () => {
    const p = await pain('8', '--where', 'leg');
    expect(p.advice[0]?.kind).toBe('safety');
    expect(p.advice[0]?.message).toMatch(/See a doctor or physiotherapist/);
    expect(p.advice.some((i) => i.kind === 'training')).toBe(false);
  });

  it('a red flag holds through flag-free entries until runcue pain cleared', async () => {
    const flagged = await pain('2', '--flag', 'numbness');
    expect(ids(flagged)[0]).toBe('pain-red-flag');
    expect(flagged.advice[0]?.message).toMatch(/urgent/i);
    for (const score of ['0', '1']) {
      const later = await pain(score);
      expect(ids(later)[0]).toBe('pain-red-flag');
      expect(later.trainingWithheld).toBe(true);
    }
    const text = await runcue(['pain', '0']);
    expect(text.stdout).toMatch(/^!! Get urgent professional care/m);
    const cleared = await runcue(['pain', 'cleared', '--note', 'seen by the GP', '--json']);
    expect(cleared.code, cleared.stderr).toBe(0);
    const after = JSON.parse(cleared.stdout) as PainJson & { milestone: { kind: string; note: string } };
    expect(after.milestone).toMatchObject({ kind: 'cleared', note: 'seen by the GP' });
    expect(ids(after)).not.toContain('pain-red-flag');
    expect(ids(await pain('0'))).not.toContain('pain-red-flag');
    // The walk/run return after the 6/10 and 8/10 entries is still in force at 0/10 until logged done.
    expect(ids(await pain('0'))).toContain('return-to-run');
    const done = await runcue(['pain', 'return-done']);
    expect(done.code, done.stderr).toBe(0);
    expect(ids(await pain('0'))).not.toContain('return-to-run');
  });

  it('refuses a milestone with entry options, and an unknown word', async () => {
    const mixed = await runcue(['pain', 'cleared', '--flag', 'numbness']);
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining('USAGE')]);
    const word = await runcue(['pain', 'better']);
    expect([word.code, word.stderr]).toEqual([2, expect.stringContaining("'cleared' or 'return-done'")]);
  });
});

describe('runcue report --json', () => {
  it('gives the advice items for the run on its own', async () => {
    const r = await runcue(['report', corpus('ActivityLog2/920xt-run.fit'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { advice: Item[] };
    expect(report.advice.length).toBeGreaterThan(0);
    for (const item of report.advice) {
      expect(['training', 'recovery', 'safety']).toContain(item.kind);
      expect(item.message.length).toBeGreaterThan(10);
      expect(item.reason.length).toBeGreaterThan(10);
      expect(item.source.length).toBeGreaterThan(0);
      expect(item.source).not.toMatch(/\.txt/);
    }
  });
});
