import { describe, expect, it } from 'vitest';
import { SHOE_REPLACE_M, SHOE_WARN_DEFAULT_M, shoeMileage } from './shoe-mileage.ts';

describe('shoeMileage', () => {
  it('fires from the warning distance as info, and as advice past 500 miles', () => {
    const f = shoeMileage({ name: 'Pegasus', distanceM: 520_000, warnAtM: SHOE_WARN_DEFAULT_M }, 'mi');
    expect(f?.severity).toBe('info');
    expect(f?.reason).toContain('323.1 mi');
    expect(f?.quietDays).toBe(7);
    expect(
      shoeMileage({ name: 'Pegasus', distanceM: SHOE_REPLACE_M + 1, warnAtM: SHOE_WARN_DEFAULT_M }, 'km')
        ?.severity,
    ).toBe('advice');
  });

  it('stays quiet below the warning distance or without a shoe', () => {
    expect(
      shoeMileage({ name: 'Pegasus', distanceM: 400_000, warnAtM: SHOE_WARN_DEFAULT_M }, 'km'),
    ).toBeNull();
    expect(shoeMileage(null, 'km')).toBeNull();
  });
});
