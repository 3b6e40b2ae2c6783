import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.ts';

let home: string;
const cli = (...args: string[]) => runCli(args, { RUNCUE_HOME: home });

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-settings-'));
});

/** Each runner's own settings and the commands that take things away, through the real binary. */
describe("a runner's own settings", () => {
  it('refuses a second athlete with the same email, whatever its case', async () => {
    expect((await cli('athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org')).code).toBe(0);
    const twin = await cli('athlete', 'add', '--name', 'Bob', '--email', 'ADA@example.org');
    expect([twin.code, twin.stderr]).toEqual([
      2,
      'runcue: ATHLETE_EMAIL_TAKEN: Ada already has the email ADA@example.org; each runner needs their own address\n',
    ]);
    expect((await cli('athlete', 'add', '--name', 'Bob', '--email', 'bob@example.org')).code).toBe(0);
    const moved = await cli('athlete', 'set', 'Bob', '--email', 'Ada@Example.org');
    expect(moved.stderr).toMatch(/^runcue: ATHLETE_EMAIL_TAKEN: /);
  });

  it('stores units and the weekly review day and time, and shows runs in miles', async () => {
    const set = await cli(
      'athlete',
      'set',
      'Ada',
      '--units',
      'mi',
      '--review-day',
      'Sunday',
      '--review-time',
      '18:30',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('mi, weekly review sun 18:30');
    expect((await cli('import', 'Ada', path.join(repoRoot, 'examples/sample-run.fit'))).code).toBe(0);
    const runs = await cli('runs', '--athlete', 'Ada');
    expect(runs.stdout).toMatch(/ 6\.21 mi .* \/mi /);
  });

  it('turns emails off and overrides thresholds, each checked against the settings schema', async () => {
    const set = await cli(
      'athlete',
      'set',
      'Bob',
      '--run-emails',
      'off',
      '--weekly-review',
      'off',
      '--setting',
      'rampFlagPercent=8',
      '--setting',
      'longRunM=18000',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('km, weekly review off, run emails off, longRunM=18000, rampFlagPercent=8');
    const list = await cli('athlete', 'list');
    expect(list.stdout).toMatch(
      /Bob {2}<bob@example\.org> .* km {2}weekly review off {2}run emails off {2}longRunM=18000 {2}rampFlagPercent=8/,
    );

    const back = await cli(
      'athlete',
      'set',
      'Bob',
      '--run-emails',
      'on',
      '--setting',
      'rampFlagPercent=default',
    );
    expect(back.stdout).toContain('km, weekly review off, run emails on, longRunM=18000)');

    const unknown = await cli('athlete', 'set', 'Bob', '--setting', 'speedLimit=3');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(/^runcue: USAGE: .*no setting called speedLimit; settings: postRunEmail, /),
    ]);
    const wrongType = await cli('athlete', 'set', 'Bob', '--setting', 'postRunEmail=3');
    expect([wrongType.code, wrongType.stderr]).toEqual([
      2,
      expect.stringMatching(/^runcue: INVALID_ATHLETE: setting postRunEmail: /),
    ]);
    expect((await cli('athlete', 'list')).stdout).toContain('longRunM=18000');
  });

  it("takes shoe distances in the runner's units or with a unit, and shows both", async () => {
    const added = await cli('shoe', 'add', 'Trail', '--athlete', 'Ada', '--km', '100', '--warn-at', '400km');
    expect(added.stdout, added.stderr).toMatch(/Trail {2}\d+\.\d mi \(\d+\.\d km\) {2}default\n$/);
    const list = await cli('shoe', 'list', '--athlete', 'Ada');
    // 100 km in Ada's miles (the sample run predates the shoe, so it is not counted).
    expect(list.stdout).toMatch(/Trail {2}62\.1 mi \(100\.0 km\) {2}default\n/);
    const bob = await cli('shoe', 'add', 'Road', '--athlete', 'Bob', '--miles', '10', '--warn-at', '15');
    expect(bob.stdout).toMatch(/Road {2}16\.1 km \(10\.0 mi\) {2}default {2}over 15 km/);
  });

  it('lists and revokes upload tokens', async () => {
    const made = await cli('athlete', 'token', 'Ada', '--label', 'phone');
    expect(made.code).toBe(0);
    const list = await cli('token', 'list', '--athlete', 'Ada');
    const id = /^([0-9a-f-]{36}) +phone /.exec(list.stdout)?.[1] ?? '';
    expect(id).not.toBe('');
    expect(list.stdout).not.toContain(made.stdout.trim()); // never the secret
    expect((await cli('token', 'revoke', id)).stdout).toMatch(/^revoked token .* \(phone\) of Ada\n$/);
    expect((await cli('token', 'list', '--athlete', 'Ada')).stdout).toMatch(/ revoked \d{4}-\d{2}-\d{2}\n$/);
    expect((await cli('token', 'revoke', id)).stderr).toMatch(/^runcue: TOKEN_NOT_FOUND: /);
  });

  it('removes a source by its folder', async () => {
    const folder = path.join(home, 'watch');
    await mkdir(folder);
    expect((await cli('source', 'add', 'Bob', folder)).code).toBe(0);
    expect((await cli('source', 'remove', folder)).stdout).toBe(`removed ${folder}  Bob\n`);
    const again = await cli('source', 'remove', folder);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/^runcue: SOURCE_NOT_FOUND: /)]);
  });

  it('removes an athlete only with --yes, and all of theirs', async () => {
    const asked = await cli('athlete', 'remove', 'Ada');
    expect([asked.code, asked.stderr]).toEqual([
      2,
      expect.stringMatching(/^runcue: CONFIRMATION_REQUIRED: /),
    ]);
    expect((await cli('athlete', 'remove', 'Ada', '--yes')).stdout).toBe(
      'removed Ada <ada@example.org> and everything of theirs\n',
    );
    const left = await cli('athlete', 'list');
    expect(left.stdout).not.toContain('Ada');
    expect(left.stdout).toContain('Bob');
    expect((await cli('runs', '--athlete', 'Bob')).stdout).toBe('Bob has no runs yet\n');
  });
});
