import { describe, expect, it } from 'vitest';
import { paceDrift } from './pace-drift.ts';

const flags = {
  driftFlagPercent: 5,
  decouplingFlagPercent: 5,
  scope: 'run' as const,
  units: 'km' as const,
};

describe('paceDrift', () => {
  it('fires on drift or decoupling with both numbers, and warns when decoupling is high', () => {
    const f = paceDrift({ ...flags, driftPercent: 7.25, driftSPerKm: 22.4, decouplingPercent: 11.5 });
    expect(f?.reason).toContain('7.3%');
    expect(f?.reason).toContain('22 s/km');
    expect(f?.reason).toContain('11.5%');
    expect(f?.severity).toBe('warning');
    expect(f?.messages[0].join(' ')).toMatch(/easier|easy/);
    // Pacing is runcue's own guidance: no fuelling schedules, heat or "10 minutes" it cannot source.
    expect(f?.messages.flat().join(' ')).not.toMatch(/fuel|heat|warm weather|10 minutes/);
    expect(f?.source).toEqual(['runcue-general-guidance']);
    expect(paceDrift({ ...flags, driftPercent: 2, driftSPerKm: 6, decouplingPercent: 6 })?.severity).toBe(
      'advice',
    );
  });

  it('stays quiet when both are within their limits or unknown', () => {
    expect(paceDrift({ ...flags, driftPercent: 5, driftSPerKm: 15, decouplingPercent: 4.9 })).toBeNull();
    expect(
      paceDrift({ ...flags, driftPercent: null, driftSPerKm: null, decouplingPercent: null }),
    ).toBeNull();
  });
});

describe('paceDrift units', () => {
  it('quotes the slowdown per mile for runners who read miles', () => {
    const f = paceDrift({
      ...flags,
      units: 'mi',
      driftPercent: 7,
      driftSPerKm: 20,
      decouplingPercent: null,
    });
    expect(f?.reason).toContain('32 s/mi');
  });
});
