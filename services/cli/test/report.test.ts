import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.ts';

const sample = path.join(repoRoot, 'examples/sample-run.fit');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runcue-cli-'));
});

describe('runcue report', () => {
  it('prints the JSON contract fields for the bundled sample run', async () => {
    const run = await runCli(['report', sample, '--json', '--threshold', '172']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
    expect(json.activity?.sport).toBe('running');
    expect(new Date(String(json.activity?.startTime)).toISOString()).toBe(json.activity?.startTime);
    expect(json.activity?.integrity).toBe('ok');
    expect(json.summary?.distanceM).toBeGreaterThan(9000);
    expect(json.summary?.movingTimeS).toBeGreaterThan(40 * 60);
    expect(json.cadence?.thresholdSpm).toBe(172);
    expect(json.cadence?.medianSpm).toBeGreaterThan(150);
    const share = json.cadence?.shareBelowThreshold as number;
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(json.cadence?.bands).toBeTypeOf('object');
    expect(json.paceDrift).toHaveProperty('percent');
    expect(json.decoupling).toHaveProperty('percent');
    expect(json.formDecay?.detected).toBeTypeOf('boolean');
    expect(json.formDecay).toHaveProperty('onset');
    expect(json.formDecay).toHaveProperty('deltas');
  });

  it('prints a readable summary in miles with --units mi', async () => {
    const run = await runCli(['report', sample, '--units', 'mi']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mi/);
    expect(run.stdout).toMatch(/spm|steps/i);
  });

  const badInputs: Array<[string, Uint8Array, RegExp]> = [
    ['empty.fit', new Uint8Array(0), /^runcue: FIT_EMPTY: .*empty\.fit/],
    [
      'random.fit',
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251),
      /^runcue: FIT_NOT_FIT: .*random\.fit/,
    ],
  ];
  for (const [name, bytes, pattern] of badInputs) {
    it(`exits 2 with one line naming the file for ${name}`, async () => {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const run = await runCli(['report', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('exits 2 for a missing file and for a bad threshold', async () => {
    const missing = await runCli(['report', path.join(dir, 'nope.fit')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^runcue: FILE_NOT_FOUND: .*nope\.fit/);
    const bad = await runCli(['report', sample, '--threshold', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^runcue: USAGE: .*threshold/);
  });
});
