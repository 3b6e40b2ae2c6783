import { describe, expect, it } from 'vitest';
import { formDecay } from './form-decay.ts';

const base = {
  onsetPercent: 76,
  onsetDistanceM: 15_200,
  cadencePercent: -4.2,
  stanceTimePercent: 5.1,
  longRunM: 15_000,
  scope: 'run' as const,
};

describe('formDecay', () => {
  it('fires on decay with the tall cue per lap, core/glute work and fuelling on a long run', () => {
    const f = formDecay({ ...base, detected: true, distanceM: 20_000, units: 'mi' });
    expect(f?.reason).toContain('cadence fell 4.2%');
    expect(f?.reason).toContain('ground contact grew 5.1% longer');
    expect(f?.reason).toContain('76%');
    expect(f?.reason).toContain('9.4 mi');
    expect(f?.messages[0][0]).toContain('20 seconds');
    expect(f?.messages[0][0]).toMatch(/every mile/i);
    expect(f?.messages[0][0]).toMatch(/fuel/);
    expect(f?.recovery).toEqual(['core-endurance', 'glute-strength']);
    expect(f?.source).toEqual(
      expect.arrayContaining([
        '003_ee1f8b417e742fc5.txt',
        '004_caf89f660c4ce3f9.txt',
        '000_af33d964abba3345.txt',
      ]),
    );
  });

  it('leaves fuelling out on a short run and stays quiet without decay', () => {
    const short = formDecay({ ...base, detected: true, distanceM: 8000, units: 'km' });
    expect(short?.messages[0][0]).toMatch(/every km/i);
    expect(short?.messages.flat().join(' ')).not.toMatch(/fuel/);
    expect(formDecay({ ...base, detected: false, distanceM: 20_000, units: 'km' })).toBeNull();
  });
});
