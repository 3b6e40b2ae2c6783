import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeRunFit } from '@runcue/scripts/fixtures';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let home: string;
const env = () => ({ RUNCUE_HOME: home, RUNCUE_DATABASE_URL: undefined });
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-workout-ceiling-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

it('runcue workout cadence gives a runner at 184 spm no cadence-raising target, and writes no workout', async () => {
  expect((await runCli(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org'], env())).code).toBe(
    0,
  );
  // 40 min at 3.2 m/s and 184 spm, with the threshold raised above it so only the ceiling can say no.
  expect((await runCli(['athlete', 'set', 'Ada', '--threshold', '190'], env())).code).toBe(0);
  const file = path.join(home, 'quick-feet.fit');
  const points = Array.from({ length: 2401 }, (_, t) => ({
    t,
    speedMps: 3.2,
    cadenceSpm: 184,
    heartRate: 150,
  }));
  await writeFile(file, writeRunFit({ start: new Date('2026-11-18T07:00:00Z'), points }));
  const imported = await runCli(['import', 'Ada', file], env());
  expect(imported.stdout).toContain('imported 1, duplicates 0, failed 0');

  const out = path.join(home, 'workout');
  const r = await runCli(['workout', 'cadence', 'Ada', '--out', out], env());
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('NO_CADENCE_TARGET');
  expect(r.stderr).toContain("Ada's cadence is already 184 steps/min, at or above 180");
  expect(await readdir(home)).not.toContain('workout');
});
