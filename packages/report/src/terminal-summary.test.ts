import { describe, expect, it } from 'vitest';
import { sampleActivity, sampleAnalysis } from '../test/sample-run.ts';
import { renderTerminalSummary } from './terminal-summary.ts';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe('renderTerminalSummary', () => {
  const text = renderTerminalSummary(sampleActivity(), sampleAnalysis(), { units: 'km' });
  const lines = text.trimEnd().split('\n');

  it('fits a terminal: about 25 lines of at most 78 columns, plain without colour', () => {
    expect(lines.length).toBeGreaterThan(12);
    expect(lines.length).toBeLessThanOrEqual(28);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(78);
    expect(text).not.toMatch(ANSI);
  });

  it('prints the figures with their units', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const fact of [
      'Distance 10.00 km',
      'Moving time 50:00',
      'Average pace 5:00 /km',
      '149 bpm average',
      'Median cadence 171 spm',
      '170–180 66%',
      '+3.4%, +11 s/km',
      '+6.3%',
      'Faded from 35:05 (7.0 km)',
    ]) {
      expect(flat).toContain(fact);
    }
  });

  it('draws the cadence sparkline high before the decay and low after it, with the onset marked', () => {
    const row = lines.find((l) => l.startsWith('Cadence over the run')) ?? '';
    const bars = row.replace(/^Cadence over the run\s+/, '').split(' ')[0] ?? '';
    expect(bars).toHaveLength(40);
    // The sample run drops from ~172 to ~163 spm at 70% of the run (column 28 of 40).
    expect(bars.slice(0, 27)).toMatch(/^[▆▇█]+$/);
    expect(bars.slice(29)).toMatch(/^[▁▂]+$/);
    expect(row).toContain('spm');
    const axis = lines[lines.indexOf(row) + 1] ?? '';
    expect(axis).toContain('decay from 35:05');
    expect(axis.indexOf('^')).toBe(row.indexOf(bars) + Math.floor(2105 / (3000 / 40)));
  });

  it('uses miles when asked, and ANSI colour only when asked', () => {
    const mi = renderTerminalSummary(sampleActivity(), sampleAnalysis(), { units: 'mi', color: true });
    expect(mi).toMatch(ANSI);
    const plain = mi.replace(ANSI, '').replace(/\s+/g, ' ');
    expect(plain).toContain('6.21 mi');
    expect(plain).toContain('8:03 /mi');
    expect(plain).not.toContain('/km');
  });

  it('leaves the sparkline out and says not available when the run has no cadence', () => {
    const a = sampleAnalysis();
    const out = renderTerminalSummary(
      sampleActivity({ withCadence: false }),
      {
        ...a,
        cadence: {
          ...a.cadence,
          medianSpm: null,
          bands: null,
          shareBelowThreshold: null,
          stretchesBelow: [],
        },
      },
      { units: 'km' },
    );
    expect(out).not.toContain('Cadence over the run');
    expect(out).toMatch(/Cadence\s+not available/);
    expect(out).not.toContain('NaN');
  });

  it('says what was repaired in the data (regression: a clock jump was only in the JSON warnings)', () => {
    const repair = '1 record carried a timestamp far from the rest of the run; its values were left out.';
    const out = renderTerminalSummary({ ...sampleActivity(), repairs: [repair] }, sampleAnalysis(), {
      units: 'km',
    });
    expect(out.replace(/\s+/g, ' ')).toContain(repair);
  });

  it('says why pace drift and form were not judged instead of printing them (regression: an interval session got a drift)', () => {
    const a = sampleAnalysis();
    const out = renderTerminalSummary(
      sampleActivity(),
      {
        ...a,
        paceDrift: {
          ...a.paceDrift,
          percent: null,
          secondsPerKm: null,
          eligible: false,
          reason:
            'The pace varied too much to be one steady effort (intervals or fartlek: 21% variation of grade-adjusted pace).',
        },
        formDecay: {
          ...a.formDecay,
          detected: false,
          onset: null,
          comparable: false,
          finish: 'climbing',
          reason:
            'The last part of the run was a climb (grade +6.0% against +0.2% in the reference), so form cannot be compared on the same ground.',
        },
      },
      { units: 'km' },
    ).replace(/\s+/g, ' ');
    expect(out).toContain('Pace drift not available (the pace varied too much to be one steady effort');
    expect(out).not.toContain('+3.4%');
    expect(out).toContain('Late-run form Not compared: the last part of the run was a climb');
    expect(out).not.toContain('Faded');
    expect(out).not.toContain('decay from');
  });
});
