import { describe, expect, it } from 'vitest';
import { noSummaryFor, type SummaryFacts } from '../src/import/no-summary.ts';

const arrived = new Date('2026-11-25T12:00:00Z');
const recent: SummaryFacts = {
  activityId: 'a1',
  isRun: true,
  sport: 'running',
  fromArchive: false,
  startTime: '2026-11-24T07:00:00Z',
  receivedAt: arrived,
  windowDays: 3,
  runEmails: true,
};

describe('noSummaryFor', () => {
  it('emails a recent run', () => {
    expect(noSummaryFor(recent)).toBeNull();
  });

  it('says a run older than the window gets no email, when it started, and how to send it', () => {
    const n = noSummaryFor({ ...recent, startTime: '2024-05-04T06:30:00Z' });
    expect(n?.reason).toBe('too-old');
    expect(n?.message).toBe(
      "no post-run email: it started 2024-05-04, 935 days ago, and only runs from the last 3 days are emailed (RUNCUE_SUMMARY_WINDOW_DAYS, 'all' for every run); 'runcue summary a1 --send' sends it",
    );
  });

  it("emails every run, however old, when the window is 'all' (Infinity)", () => {
    expect(noSummaryFor({ ...recent, startTime: '2001-01-01T00:00:00Z', windowDays: Infinity })).toBeNull();
  });

  it('names an archive, emails turned off and an activity that is not a run', () => {
    expect(noSummaryFor({ ...recent, fromArchive: true })?.reason).toBe('from-archive');
    expect(noSummaryFor({ ...recent, runEmails: false })?.message).toMatch(
      /post-run emails are off .*--run-emails on/,
    );
    expect(noSummaryFor({ ...recent, isRun: false, sport: 'cycling' })?.message).toBe(
      'no post-run email: this cycling activity is not a run',
    );
  });

  it('keeps a start up to a day in the future (a watch clock set wrong) as recent, not later', () => {
    expect(noSummaryFor({ ...recent, startTime: '2026-11-26T06:00:00Z' })).toBeNull();
    expect(noSummaryFor({ ...recent, startTime: '2026-11-27T13:00:00Z' })?.message).toMatch(
      /starts in the future/,
    );
  });
});
