/**
 * The notification-side commands as a runner types them: `runcue pain`, `shoe`, `trends`,
 * `outbox` and `workout cadence`, each run as the real binary against its own PostgreSQL schema,
 * with a real SMTP server for `trends --send` and the SDK decoding the workout it writes.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decoder, Stream } from '@garmin/fitsdk';
import { postgresBackend, useSuiteDb } from '@runcue/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_ADA, corpus, runRuncue } from './ingest-harness.ts';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';

const pgdb = useSuiteDb(postgresBackend, { migrated: false });
let home: string;
let inbox: SmtpInbox;

/** The real binary on this file's PostgreSQL schema, with no SMTP server unless `extraEnv` names one. */
function runcue(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return runRuncue(args, home, { RUNCUE_DATABASE_URL: pgdb.url ?? '', INIT_CWD: home, ...extraEnv });
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-notify-cli-'));
  inbox = await startSmtpInbox();
  const add = await runcue(ADD_ADA);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await inbox.close();
  await rm(home, { recursive: true, force: true });
});

describe('runcue pain', () => {
  it('at 4/10 says stop and rest, with the walk/run return', async () => {
    const r = await runcue(['pain', '4', '--where', 'lower-back', '--note', 'after hills']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('logged 4/10 (lower-back) for Ada');
    expect(r.stdout).toMatch(/stop running/i);
    expect(r.stdout).toMatch(/run 1 min, walk 3 min/);
  });

  it('with a red flag says to see a doctor or physio and pauses training advice until cleared', async () => {
    const r = await runcue(['pain', '1', '--flag', 'leg-weakness']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/doctor or physiotherapist/);
    expect(r.stdout).toContain('Training advice stays paused');
    const cleared = await runcue(['pain', 'cleared']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('recorded that a professional has cleared Ada');
  });

  it('refuses a score outside 0-10 and an unknown flag', async () => {
    const bad = await runcue(['pain', '11']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('0 (none) to 10')]);
    const flag = await runcue(['pain', '2', '--flag', 'headache']);
    expect(flag.code).toBe(2);
  });
});

describe('shoes, trends, outbox and the watch workout after a run', () => {
  it('counts the run against the default shoe and warns past 300 miles', async () => {
    expect((await runcue(['shoe', 'add', 'Road', '--miles', '295'])).code).toBe(0);
    const imported = await runcue(['import', 'Ada', corpus('ActivityLog2/920xt-run.fit')]);
    expect(imported.code, imported.stderr).toBe(0);
    const list = await runcue(['shoe', 'list']);
    // 295 mi + the 12.58 km run (7.8 mi), shown in Ada's kilometres first.
    expect(list.stdout).toMatch(/Road {2}487\.3 km \(302\.8 mi\) {2}default {2}over 483 km/);
    const retired = await runcue(['shoe', 'retire', 'road']);
    expect(retired.stdout).toContain('retired');
    expect((await runcue(['shoe', 'default', 'trail'])).stderr).toContain('SHOE_NOT_FOUND');
  });

  it('prints the weekly figures and writes a preview with its charts inline', async () => {
    const preview = path.join(home, 'week.html');
    const r = await runcue(['trends', 'Ada', '--week', '2014-W52', '--preview', preview]);
    expect(r.code, r.stderr).toBe(0);
    const row = r.stdout.split('\n').find((l) => /^\s*2014-W52/.test(l));
    expect(row).toMatch(/2014-W52!?\s+12\.6\s+1\s/);
    const html = await readFile(preview, 'utf8');
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toContain('cid:');
  });

  it('lists the outbox, and trends --send delivers the review over SMTP', async () => {
    // `runcue import` is an archive import of a 2014 run: stored and in the trends, but no summary email.
    const before = await runcue(['outbox']);
    expect(before.stdout).toBe('the outbox is empty\n');
    const sent = await runcue(['trends', 'Ada', '--week', '2014-W52', '--send'], {
      RUNCUE_SMTP_URL: inbox.url,
    });
    expect(sent.code, sent.stderr).toBe(0);
    const subjects = inbox.accepted.map((m) => m.mail.subject ?? '');
    expect(subjects.some((s) => s.includes('2014-W52'))).toBe(true);
    const after = await runcue(['outbox', '--status', 'sent']);
    expect(after.stdout).toMatch(/weekly-review 2014-W52 {2}sent {2}attempts 1/);
  });

  it('regression: trends --send without --week sends the last complete week, not the unfinished one', async () => {
    const expected = () => isoWeekOf(berlinDay(new Date()) - 7);
    const before = expected();
    const sent = await runcue(['trends', 'Ada', '--send'], { RUNCUE_SMTP_URL: inbox.url });
    expect(sent.code, sent.stderr).toBe(0);
    // The week may turn over while the command runs (Sunday midnight in Berlin): either is right then.
    const weeks = new Set([before, expected()]);
    const queued = (await runcue(['outbox'])).stdout
      .split('\n')
      .filter((l) => l.includes('weekly-review') && !l.includes('2014-W52'));
    expect(queued).toHaveLength(1);
    const week = /weekly-review (\d{4}-W\d{2})/.exec(queued[0] ?? '')?.[1] ?? '';
    expect(weeks.has(week), `${week} not in ${[...weeks].join(', ')}`).toBe(true);
    expect(sent.stdout).toContain(`weeks to ${week}`);
  });

  it("writes a cadence workout around the athlete's next target and copies it to a mounted watch", async () => {
    const watch = path.join(home, 'media', 'ada', 'GARMIN');
    await mkdir(path.join(watch, 'GARMIN'), { recursive: true });
    const r = await runcue(['workout', 'cadence', 'Ada', '--mount', path.join(home, 'media', '*', 'GARMIN')]);
    expect(r.code, r.stderr).toBe(0);
    const [copied] = await readdir(path.join(watch, 'GARMIN', 'NewFiles'));
    expect(copied).toMatch(/^runcue-cadence-\d+\.fit$/);
    const target = Number(/cadence-(\d+)/.exec(copied ?? '')?.[1]);
    const decoder = new Decoder(
      Stream.fromByteArray(Array.from(await readFile(path.join(watch, 'GARMIN', 'NewFiles', copied ?? '')))),
    );
    expect(decoder.checkIntegrity()).toBe(true);
    const { messages } = decoder.read();
    expect(messages.fileIdMesgs?.[0]?.type).toBe('workout');
    const interval = messages.workoutStepMesgs?.find((s) => s.intensity === 'active');
    expect(interval?.targetType).toBe('cadence');
    expect([interval?.customTargetCadenceLow, interval?.customTargetCadenceHigh]).toEqual([
      target - 3,
      target + 3,
    ]);
    // The run's median is 167 spm: the next target is a step above it, never past 180.
    expect(target).toBeGreaterThan(167);
    expect(target).toBeLessThanOrEqual(180);
    const none = await runcue(['workout', 'cadence', 'Ada', '--mount', path.join(home, 'nowhere', '*')]);
    expect(none.stdout).toContain('no watch found');
    // A watched folder inside a watch (its Activity folder) points at that watch, wherever it is mounted.
    const other = path.join(home, 'elsewhere', 'FR255');
    await mkdir(path.join(other, 'GARMIN', 'Activity'), { recursive: true });
    expect((await runcue(['source', 'add', 'Ada', path.join(other, 'GARMIN', 'Activity')])).code).toBe(0);
    const viaSource = await runcue(['workout', 'cadence', 'Ada', '--mount', path.join(home, 'nowhere', '*')]);
    expect(viaSource.stdout).toContain(`copied to ${path.join(other, 'GARMIN', 'NewFiles')}`);
  });
});

/** Days since 1970-01-01 of the calendar date in Berlin at `at`. */
function berlinDay(at: Date): number {
  const [y, m, d] = at.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }).split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** ISO week label of a day number, by the rule that the week belongs to the year of its Thursday. */
function isoWeekOf(day: number): string {
  const thursday = new Date((day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 3) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
