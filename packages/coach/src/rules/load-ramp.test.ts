import { describe, expect, it } from 'vitest';
import { week } from '../../test/coach-fixtures.ts';
import { loadRamp } from './load-ramp.ts';

const history = [
  week('2026-W43', 25_000),
  week('2026-W44', 23_000),
  week('2026-W45', 26_000),
  week('2026-W46', 24_000),
];

describe('loadRamp', () => {
  it('fires on a ramp over 10% with history, and the next target is a reduction', () => {
    const f = loadRamp([...history, week('2026-W47', 33_000, { rampPercent: 37.5, rampFlag: true })], 'km');
    expect(f?.severity).toBe('warning');
    expect(f?.reason).toContain('38%');
    // Back to last week's 24 km, the lower of it and the four-week average (24.5 km).
    expect(f?.metrics['targetDistanceM']).toBe(24_000);
    expect(f?.metrics['targetDistanceM']).toBeLessThan(33_000);
    for (const m of f?.messages.flat() ?? []) {
      expect(m).toContain('24.0 km');
      expect(m).not.toMatch(/10%|more than|26\.4/);
    }
  });

  it('fires on an acute:chronic ratio over 1.3 alone and labels it runcue guidance', () => {
    const f = loadRamp(
      [
        ...history,
        week('2026-W47', 32_000, { rampPercent: 8, acuteChronicRatio: 1.42, acuteChronicFlag: true }),
      ],
      'km',
    );
    expect(f?.reason).toContain('1.42 times your average week over the four weeks to its end');
    expect(f?.reason).not.toContain('last 7 days');
    expect(f?.metrics['acuteChronicRatio']).toBe(1.42);
    expect(f?.source).toContain('runcue-general-guidance');
  });

  it('no alarm without history: a second run, a run after a break, a one-minute recording', () => {
    const spike = { rampPercent: 300, rampFlag: true, acuteChronicRatio: 4, acuteChronicFlag: true };
    // Second run: only one earlier week with a run.
    const second = [
      week('2026-W43', 0, { runCount: 0 }),
      week('2026-W44', 0, { runCount: 0 }),
      week('2026-W45', 0, { runCount: 0 }),
      week('2026-W46', 5_000, { runCount: 1 }),
      week('2026-W47', 20_000, spike),
    ];
    expect(loadRamp(second, 'km')).toBeNull();
    // After a three-week break.
    const afterBreak = [
      week('2026-W43', 30_000),
      week('2026-W44', 0, { runCount: 0 }),
      week('2026-W45', 0, { runCount: 0 }),
      week('2026-W46', 0, { runCount: 0 }),
      week('2026-W47', 12_000, spike),
    ];
    expect(loadRamp(afterBreak, 'km')).toBeNull();
    // Low volume: four weeks of 2 km, then 6 km is +200% but 4 km more: not meaningful.
    const small = [
      week('2026-W43', 2_000),
      week('2026-W44', 2_000),
      week('2026-W45', 2_000),
      week('2026-W46', 2_000),
      week('2026-W47', 6_000, spike),
    ];
    expect(loadRamp(small, 'km')).toBeNull();
    // A 55-second recording adds a few metres: the flag may be set but the change is not meaningful.
    const blip = [...history, week('2026-W47', 24_150, spike)];
    expect(loadRamp(blip, 'km')).toBeNull();
  });

  it('stays quiet without flags or without a week', () => {
    expect(
      loadRamp([...history, week('2026-W47', 30_000, { rampPercent: 10, acuteChronicRatio: 1.3 })], 'km'),
    ).toBeNull();
    expect(loadRamp([], 'km')).toBeNull();
  });
});
