import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './run-cli.ts';

let home: string;
let missing: string;
let smtp: SMTPServer;
let smtpPort: number;
const logins: string[] = [];

/** The output line of one check, e.g. `line(run, 'smtp')`. */
function line(run: CliRun, name: string): string {
  return run.stdout.split('\n').find((l) => l.slice(6).startsWith(`${name}:`)) ?? `(no ${name} line)`;
}

function doctor(env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(['doctor'], { RUNCUE_HOME: home, ...env });
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-doctor-'));
  missing = path.join(home, 'watch-not-plugged-in');
  // A real SMTP server that wants a login, to tell a working account from a wrong password.
  smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(String(auth.username));
      if (auth.username === 'runner' && auth.password === 's3cret') callback(null, { user: 'runner' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback(new Error('doctor must never send')));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const address = smtp.server.address();
  smtpPort = typeof address === 'object' && address !== null ? address.port : 0;
  // What `runcue start` creates on first run, and a watch folder that is not there now.
  const add = await runCli(['athlete', 'add', '--name', 'me', '--email', 'me@localhost', '--tz', 'UTC'], {
    RUNCUE_HOME: home,
  });
  expect(add.code, add.stderr).toBe(0);
  const source = await runCli(['source', 'add', 'me', missing], { RUNCUE_HOME: home });
  expect(source.code, source.stderr).toBe(0);
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('runcue doctor', () => {
  it('passes a fresh home, warning about me@localhost and a folder that is not mounted', async () => {
    const run = await doctor();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(line(run, 'config database')).toBe(`ok    config database: embedded, in ${path.join(home, 'db')}`);
    expect(line(run, 'config smtp')).toContain(`none: emails go to ${path.join(home, 'outbox')}`);
    expect(line(run, 'database')).toMatch(
      /^ok {4}database: .* opens, schema version \d+; 1 athlete, 0 activities$/,
    );
    expect(line(run, 'athlete me')).toMatch(
      /^warn {2}athlete me: emails go to me@localhost, .*runcue athlete set me --email/,
    );
    expect(line(run, `folder ${missing}`)).toMatch(/^warn {2}folder .*: does not exist right now/);
    expect(line(run, 'node')).toMatch(/^ok {4}node: Node\.js v\d+/);
    expect(run.stdout).toMatch(/nothing failed, 2 to look at\n$/);
  });

  it('verifies a real SMTP login and never sends; athlete set clears the email warning', async () => {
    const set = await runCli(['athlete', 'set', 'me', '--email', 'runner@mail.example.org'], {
      RUNCUE_HOME: home,
    });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('me <runner@mail.example.org>');
    const run = await doctor({ RUNCUE_SMTP_URL: `smtp://runner:s3cret@127.0.0.1:${smtpPort}` });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(line(run, 'config smtp')).toContain(`smtp://runner:***@127.0.0.1:${smtpPort}`);
    expect(run.stdout).not.toContain('s3cret');
    expect(line(run, 'smtp')).toMatch(/^ok {4}smtp: .* accepts a connection and the login$/);
    expect(line(run, 'athlete me')).toBe(
      'ok    athlete me: <runner@mail.example.org>, UTC, 170 spm cadence threshold',
    );
    expect(logins).toContain('runner');
  });

  it('fails the SMTP check on a wrong password and on a closed port, with exit 2 and no stack trace', async () => {
    const wrong = await doctor({ RUNCUE_SMTP_URL: `smtp://runner:nope@127.0.0.1:${smtpPort}` });
    expect(wrong.code).toBe(2);
    expect(line(wrong, 'smtp')).toMatch(
      /^fail {2}smtp: .*Invalid username or password.*; check the host, port, user and password/,
    );
    const closed = await doctor({ RUNCUE_SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(closed.code).toBe(2);
    expect(line(closed, 'smtp')).toMatch(
      /^fail {2}smtp: smtp:\/\/127\.0\.0\.1:1 does not work: .*ECONNREFUSED/,
    );
    expect(closed.stderr).toBe(
      'runcue: DOCTOR_FAILED: 1 failed and 1 to look at; fix the failed ones first\n',
    );
    expect(closed.stdout + closed.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails the database check for a PostgreSQL server that is not there, masking the password', async () => {
    const run = await doctor({ RUNCUE_DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/x' });
    expect(run.code).toBe(2);
    expect(line(run, 'config database')).toBe(
      'ok    config database: PostgreSQL at postgres://postgres:***@127.0.0.1:1/x',
    );
    expect(line(run, 'database')).toMatch(
      /^fail {2}database: cannot use the database at RUNCUE_DATABASE_URL \(connect ECONNREFUSED .*\); check RUNCUE_DATABASE_URL/,
    );
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('never prints a credential, whatever form the URL gives it', async () => {
    const forms: Array<[NodeJS.ProcessEnv, string[]]> = [
      [{ RUNCUE_SMTP_URL: 'smtp://SECRET-TOKEN-1@127.0.0.1:1' }, ['SECRET-TOKEN-1']],
      [{ RUNCUE_SMTP_URL: 'smtps://runner:pa55-word-2@127.0.0.1:1' }, ['pa55-word-2']],
      [{ RUNCUE_SMTP_URL: 'smtp://127.0.0.1:1?user=me&pass=query-secret-3' }, ['query-secret-3']],
      [
        { RUNCUE_DATABASE_URL: 'postgres://app:db-secret-4@127.0.0.1:1/x?password=db-secret-5' },
        ['db-secret-4', 'db-secret-5'],
      ],
      [{ RUNCUE_DATABASE_URL: 'postgresql://db-token-6@127.0.0.1:1/x' }, ['db-token-6']],
    ];
    const runs = await Promise.all(forms.map(([env]) => doctor(env)));
    for (const [i, run] of runs.entries()) {
      const [env, secrets] = forms[i] ?? [{}, []];
      const out = run.stdout + run.stderr;
      expect(out, JSON.stringify(env)).toContain('***');
      for (const secret of secrets) expect(out, JSON.stringify(env)).not.toContain(secret);
    }
    expect(line(runs[0] ?? { code: 0, stdout: '', stderr: '' }, 'config smtp')).toContain(
      'smtp://***@127.0.0.1:1',
    );
  });
});
