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
