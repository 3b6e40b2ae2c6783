import { describe, expect, it } from 'vitest';
import { isoWeekOf, mondayOfIsoWeek } from '@runcue/analysis';
import { weeklyDue } from './weekly-due.ts';

const day = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe('weeklyDue', () => {
  const berlin = { athleteId: 'a', timeZone: 'Europe/Berlin' };
  const la = { athleteId: 'b', timeZone: 'America/Los_Angeles' };

  it('is due from Monday 07:00 local time, for the week that just ended', () => {
    // Monday 2026-11-23 06:59 in Berlin (UTC+1) is 05:59Z.
    expect(weeklyDue(new Date('2026-11-23T05:59:00Z'), [berlin])).toEqual([]);
    expect(weeklyDue(new Date('2026-11-23T06:00:00Z'), [berlin])).toEqual([
      { athleteId: 'a', isoWeek: '2026-W47', timeZone: 'Europe/Berlin' },
    ]);
  });

  it("uses each athlete's own time zone, not the server's", () => {
    // 06:00Z Monday is 07:00 in Berlin but still Sunday 22:00 in Los Angeles.
    const at = new Date('2026-11-23T06:00:00Z');
    // Los Angeles is still in the week whose review (of W46) went out last Monday.
    expect(weeklyDue(at, [berlin, la]).map((d) => `${d.athleteId} ${d.isoWeek}`)).toEqual([
      'a 2026-W47',
      'b 2026-W46',
    ]);
    // Los Angeles reaches Monday 07:00 at 15:00Z (UTC-8); Monday 06:59 there is not due yet.
    expect(weeklyDue(new Date('2026-11-23T14:59:00Z'), [la])).toEqual([]);
    expect(weeklyDue(new Date('2026-11-23T15:00:00Z'), [la])).toEqual([
      { athleteId: 'b', isoWeek: '2026-W47', timeZone: 'America/Los_Angeles' },
    ]);
  });

  it('keeps the same week key across a DST change (Berlin spring forward, 2026-03-29)', () => {
    // The week 2026-W13 ends on Sunday 29 March, when Berlin moves from UTC+1 to UTC+2.
    // Monday 30 March 07:00 CEST is 05:00Z, an hour earlier in UTC than the week before.
    expect(weeklyDue(new Date('2026-03-30T04:59:00Z'), [berlin])).toEqual([]);
    expect(weeklyDue(new Date('2026-03-30T05:00:00Z'), [berlin])[0]?.isoWeek).toBe('2026-W13');
    // The week before, 07:00 CET was 06:00Z.
    expect(weeklyDue(new Date('2026-03-23T05:30:00Z'), [berlin])).toEqual([]);
    expect(weeklyDue(new Date('2026-03-23T06:00:00Z'), [berlin])[0]?.isoWeek).toBe('2026-W12');
  });

  it('fires a send time that the spring-forward skips as soon as the clock jumps past it', () => {
    // Los Angeles skipped 02:00-03:00 on Sunday 2026-03-08; a Sunday 02:30 schedule becomes due at 03:00 PDT (10:00Z).
    const sunday = { athleteId: 'c', timeZone: 'America/Los_Angeles', weekday: 7, time: '02:30' };
    expect(weeklyDue(new Date('2026-03-08T09:59:00Z'), [sunday])).toEqual([]);
    expect(weeklyDue(new Date('2026-03-08T10:00:00Z'), [sunday])[0]?.isoWeek).toBe('2026-W10');
  });

  it('stays due for the rest of the local week so a server that was down catches up, then moves on', () => {
    const keys = [
      '2026-11-24T12:00:00Z',
      '2026-11-29T22:59:00Z',
      '2026-11-29T23:00:00Z',
      '2026-11-30T05:59:00Z',
    ].map((t) => weeklyDue(new Date(t), [berlin])[0]?.isoWeek ?? null);
    // Sunday 23:59 Berlin is still W48's send week (review of W47); Monday 00:00 starts a new week not yet due.
    expect(keys).toEqual(['2026-W47', '2026-W47', null, null]);
  });

  it('does not review a week that ended before the athlete joined', () => {
    const joinedSunday = { ...berlin, since: new Date('2026-11-22T10:00:00Z') };
    expect(weeklyDue(new Date('2026-11-22T12:00:00Z'), [joinedSunday])).toEqual([]);
    expect(weeklyDue(new Date('2026-11-23T06:00:00Z'), [joinedSunday])[0]?.isoWeek).toBe('2026-W47');
    const joinedBefore = { ...berlin, since: new Date('2026-11-16T05:00:00Z') };
    expect(weeklyDue(new Date('2026-11-22T12:00:00Z'), [joinedBefore])[0]?.isoWeek).toBe('2026-W46');
  });

  it('honours a custom weekday and time', () => {
    const sun = { athleteId: 'd', timeZone: 'UTC', weekday: 7, time: '20:00' };
    expect(weeklyDue(new Date('2026-11-29T19:59:00Z'), [sun])).toEqual([]);
    // Sunday's review covers the week holding Saturday: the current week.
    expect(weeklyDue(new Date('2026-11-29T20:00:00Z'), [sun])[0]?.isoWeek).toBe('2026-W48');
  });
});

describe('isoWeekOf (the calendar the weekly schedule uses)', () => {
  it('puts days at year boundaries in the ISO year of their Thursday', () => {
    expect(isoWeekOf(day('2026-11-22'))).toBe('2026-W47');
    expect(isoWeekOf(day('2027-01-01'))).toBe('2026-W53');
    expect(isoWeekOf(day('2024-12-30'))).toBe('2025-W01');
    expect(isoWeekOf(day('2021-01-03'))).toBe('2020-W53');
    expect(mondayOfIsoWeek('2026-W47')).toBe(day('2026-11-16'));
    expect(mondayOfIsoWeek('2026-W53')).toBe(day('2026-12-28'));
    expect(mondayOfIsoWeek('2025-W53')).toBeNull();
  });
});
