import { describe, expect, it } from 'vitest';
import { NOW, painAt } from '../../test/coach-fixtures.ts';
import { painMonitor } from './pain-monitor.ts';
import { painRedFlag } from './pain-red-flag.ts';
import { painStop } from './pain-stop.ts';

const now = Date.parse(NOW);

describe('painRedFlag', () => {
  it('fires on a flagged entry in the last two weeks and names the symptom', () => {
    const f = painRedFlag([painAt('2026-11-18T07:00:00Z', 2, ['night-pain'])], now);
    expect(f?.severity).toBe('stop');
    expect(f?.training).toBe(false);
    expect(f?.reason).toContain('wakes you at night');
    expect(f?.messages[0][0]).toMatch(/doctor or physiotherapist/);
  });

  it('treats saddle numbness as an emergency', () => {
    const f = painRedFlag([painAt('2026-11-20T07:00:00Z', 5, ['saddle-numbness'])], now);
    expect(f?.metrics['emergency']).toBe('yes');
    expect(f?.messages[0][0]).toMatch(/emergency/);
  });

  it('ignores unflagged entries and flags older than two weeks', () => {
    expect(painRedFlag([painAt('2026-11-19T07:00:00Z', 6)], now)).toBeNull();
    expect(painRedFlag([painAt('2026-11-01T07:00:00Z', 4, ['numbness'])], now)).toBeNull();
  });
});

describe('painStop', () => {
  it('fires at 3/10 with 3-5 days off impact and the walk/run return', () => {
    const f = painStop([painAt('2026-11-20T08:00:00Z', 3)], now);
    expect(f?.severity).toBe('stop');
    expect(f?.messages[0][0]).toContain('3 to 5 days');
    expect(f?.recovery).toEqual(['first-72-hours', 'rehab-circuit', 'return-to-run']);
    expect(f?.reason).toContain('3/10');
  });

  it('adds a referral when pain has stayed at 3/10 or more for two weeks', () => {
    const f = painStop(
      [
        painAt('2026-11-04T08:00:00Z', 4),
        painAt('2026-11-12T08:00:00Z', 3),
        painAt('2026-11-19T08:00:00Z', 4),
      ],
      now,
    );
    expect(f?.metrics['persistentDays']).toBe(16);
    expect(f?.messages[0][0]).toMatch(/physiotherapist or doctor/);
    expect(
      painStop(
        [
          painAt('2026-11-04T08:00:00Z', 4),
          painAt('2026-11-12T08:00:00Z', 1),
          painAt('2026-11-19T08:00:00Z', 4),
        ],
        now,
      )?.metrics['persistentDays'],
    ).toBeNull();
  });

  it('stays quiet below 3/10 or when the high score is old', () => {
    expect(painStop([painAt('2026-11-20T08:00:00Z', 2)], now)).toBeNull();
    expect(painStop([painAt('2026-11-05T08:00:00Z', 6)], now)).toBeNull();
  });
});

describe('painMonitor', () => {
  it('fires on 1-2/10 with adjust-and-monitor advice, keeping the return plan after recent high pain', () => {
    const f = painMonitor([painAt('2026-11-19T08:00:00Z', 2, [], 'hip')], now);
    expect(f?.reason).toContain('2/10 pain in the hip');
    expect(f?.recovery).toEqual(['rehab-circuit']);
    const back = painMonitor([painAt('2026-11-01T08:00:00Z', 5), painAt('2026-11-19T08:00:00Z', 1)], now);
    expect(back?.recovery).toEqual(['rehab-circuit', 'return-to-run']);
  });

  it('stays quiet at 0, at 3 and above (painStop covers it) and for old entries', () => {
    expect(painMonitor([painAt('2026-11-19T08:00:00Z', 0)], now)).toBeNull();
    expect(painMonitor([painAt('2026-11-19T08:00:00Z', 3)], now)).toBeNull();
    expect(painMonitor([painAt('2026-11-05T08:00:00Z', 2)], now)).toBeNull();
  });
});
