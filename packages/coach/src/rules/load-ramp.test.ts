import { describe, expect, it } from 'vitest';
import { week } from '../../test/coach-fixtures.ts';
import { loadRamp } from './load-ramp.ts';

describe('loadRamp', () => {
  it('fires on a ramp over 10% and caps next week at +10% of the previous one', () => {
    const f = loadRamp(week('2026-W47', 33_000, { rampPercent: 37.5, rampFlag: true }), 24_000, 'km');
    expect(f?.severity).toBe('warning');
    expect(f?.reason).toContain('38%');
    expect(f?.messages[0][0]).toContain('26.4 km');
  });

  it('fires on an acute:chronic ratio over 1.3 alone', () => {
    const f = loadRamp(
      week('2026-W47', 30_000, { rampPercent: 8, acuteChronicRatio: 1.42, acuteChronicFlag: true }),
      27_800,
      'km',
    );
    expect(f?.reason).toContain('1.42 times');
    expect(f?.metrics['acuteChronicRatio']).toBe(1.42);
  });

  it('stays quiet without flags or without a week', () => {
    expect(
      loadRamp(week('2026-W47', 30_000, { rampPercent: 10, acuteChronicRatio: 1.3 }), 27_000, 'km'),
    ).toBeNull();
    expect(loadRamp(undefined, null, 'km')).toBeNull();
  });
});
