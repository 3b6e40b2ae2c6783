import type { RunAnalysis } from '@runcue/analysis';
import type { Cue } from '@runcue/coach';
import { describe, expect, it } from 'vitest';
import { decodePngInfo } from '../test/png-info.ts';
import { sampleActivity, sampleAnalysis, sampleCues, sampleRecovery } from '../test/sample-run.ts';
import { renderRunSummary, type RunSummaryInput } from './run-summary.ts';

function input(overrides: Partial<RunSummaryInput> = {}): RunSummaryInput {
  return {
    athlete: { name: 'Alex', units: 'km', thresholdSpm: 170 },
    activity: sampleActivity(),
    analysis: sampleAnalysis(),
    advice: { cues: sampleCues(), recovery: sampleRecovery() },
    ...overrides,
  };
}

/** An analysis of a short run with no cadence, heart rate or altitude: every optional figure null. */
function sparseAnalysis(): RunAnalysis {
  const a = sampleAnalysis();
  return {
    ...a,
    summary: {
      ...a.summary,
      paceSPerKm: null,
      avgHeartRate: null,
      maxHeartRate: null,
      elevationGainM: null,
      elevationLossM: null,
    },
    cadence: {
      ...a.cadence,
      medianSpm: null,
      meanSpm: null,
      shareBelowThreshold: null,
      bands: null,
      stretchesBelow: [],
      speedSlopeSpmPerMps: null,
      coveredS: 0,
    },
    paceDrift: {
      ...a.paceDrift,
      percent: null,
      secondsPerKm: null,
      firstHalfGasMps: null,
      secondHalfGasMps: null,
    },
    decoupling: {
      percent: null,
      rating: null,
      eligible: false,
      reason: 'shorter than 40 minutes of running',
      firstHalfEf: null,
      secondHalfEf: null,
    },
    formDecay: {
      ...a.formDecay,
      detected: false,
      onset: null,
      reasons: [],
      deltas: { ...a.formDecay.deltas, cadenceSpm: null, cadencePercent: null },
    },
  };
}

const plain = (html: string): string => flat(html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
/** The text body with wrapping undone, so a phrase split over two lines still matches. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('renderRunSummary', () => {
  const report = renderRunSummary(input());

  it('attaches the cadence and band charts as real PNGs of the stated size, under 60 KB', () => {
    expect(report.images.map((i) => i.filename)).toEqual(['cadence.png', 'cadence-bands.png']);
    const sizes = report.images.map((i) => decodePngInfo(i.png));
    expect(sizes).toEqual([
      expect.objectContaining({ width: 600, height: 240 }),
      expect.objectContaining({ width: 600, height: 200 }),
    ]);
    for (const image of report.images) {
      expect(image.png.length).toBeLessThan(60_000);
      expect(image.alt.length).toBeGreaterThan(20);
    }
  });

  it('refers to every image by cid with its alt text, and to nothing else outside the message', () => {
    const imgs = [...report.html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs).toHaveLength(report.images.length);
    for (const image of report.images) {
      expect(report.html).toContain(`src="cid:${image.cid}"`);
      expect(imgs.some((tag) => tag.includes(`alt="${image.alt.replaceAll('&', '&amp;')}"`))).toBe(true);
    }
    expect(report.html).not.toMatch(/<style|<script|<link|@import|src="http/i);
    expect(report.html).toContain('max-width:600px');
  });

  it('puts the headline, cadence, drift, decoupling and decay figures in the text and the HTML', () => {
    const facts = [
      '10.00 km',
      '50:00',
      '5:00 /km',
      '149 bpm average',
      '161 bpm max',
      '86 m',
      '171 spm',
      '31%',
      '+3.4%',
      '+11 s/km',
      '+6.3%',
      'moderate',
      'from 35:05 (7.0 km)',
      '-8.7 spm (-5.1%)',
      '66%',
    ];
    for (const fact of facts) {
      expect(flat(report.text)).toContain(fact);
      expect(plain(report.html)).toContain(fact);
    }
    expect(report.subject).toBe('Your run Sun 22 Nov 2026: 10.00 km in 50:00, cadence 171 spm');
  });

  it('switches every distance, pace and elevation to miles', () => {
    const mi = renderRunSummary(input({ athlete: { name: 'Alex', units: 'mi', thresholdSpm: 170 } }));
    for (const fact of ['6.21 mi', '8:03 /mi', '283 ft', '+17 s/mi', '(4.4 mi)']) {
      expect(flat(mi.text)).toContain(fact);
      expect(plain(mi.html)).toContain(fact);
    }
    expect(mi.text).not.toMatch(/\d km\b|\/km/);
    expect(mi.subject).toContain('6.21 mi');
  });

  it('shows the cues and recovery with reason and source, escaping what they say', () => {
    for (const part of [
      'run tall for 20 seconds every kilometre & keep your hips level',
      '31% of running time was below 170 spm',
      'Dead bugs: 3 × 10 per side',
      "Why Running Wrecks Your Lower Back (And It's Not Just Weakness)",
      '(raised again)',
    ]) {
      expect(flat(report.text)).toContain(part);
    }
    // Sources by title, never by file name; a repeat is not counted as "runs in a row".
    expect(report.text + report.html).not.toMatch(/\.txt|runs in a row/);
    expect(report.html).toContain('every kilometre &amp; keep your hips level');
    expect(report.html).toContain('Glute bridges with band: <strong>3 × 12</strong>');
  });

  it('escapes a hostile athlete name and link', () => {
    const evil = renderRunSummary(
      input({
        athlete: { name: '<script>alert("x")</script>', units: 'km', thresholdSpm: 170 },
        links: [
          { label: 'Open', url: 'javascript:alert(1)' },
          { label: 'Run "1"', url: 'https://example.test/runs/1?a=1&b=2' },
        ],
      }),
    );
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(evil.html).not.toContain('href="javascript:');
    expect(evil.html).toContain('href="https://example.test/runs/1?a=1&amp;b=2"');
    expect(evil.text).toContain('<script>alert("x")</script>');
  });

  it('says "not available" for figures a sparse run lacks, and never prints NaN', () => {
    const activity = sampleActivity({ durationS: 900, withCadence: false });
    const sparse = renderRunSummary(input({ activity, analysis: sparseAnalysis(), advice: null }));
    for (const body of [flat(sparse.text), plain(sparse.html)]) {
      expect(body).not.toMatch(/NaN|undefined|null|Infinity/);
      expect(body).toMatch(/Average pace:?\s+not available/);
      expect(body).toMatch(/Heart rate:?\s+not available/);
      expect(body).toMatch(/Cadence:?\s+not available/);
      expect(body).toContain('Pace drift: not available');
      expect(body).toContain('Heart-rate decoupling: not available (shorter than 40 minutes of running)');
      expect(body).toContain('Coaching is not available for this run.');
    }
    expect(sparse.images).toEqual([]);
    expect(sparse.html).not.toContain('<img');
  });

  it('marks a salvaged file and a threshold that changed since the analysis', () => {
    const truncated = renderRunSummary(
      input({
        activity: { ...sampleActivity(), integrity: 'truncated' },
        athlete: { name: 'Alex', units: 'km', thresholdSpm: 175 },
      }),
    );
    expect(flat(truncated.text)).toContain('The file was cut short');
    expect(flat(truncated.text)).toContain(
      'analysed with a 170 spm threshold; your current setting is 175 spm',
    );
  });

  it('a red flag leads: first in the message, before the run figures, and named in the subject', () => {
    const redFlag: Cue = {
      id: 'pain-red-flag',
      kind: 'safety',
      severity: 'stop',
      message: 'Get urgent professional care: see a doctor or physiotherapist as soon as you can.',
      reason: 'You logged numbness (latest today, pain 2/10).',
      metrics: {},
      source: ['003_ee1f8b417e742fc5.txt'],
      level: 1,
    };
    const flagged = renderRunSummary(input({ advice: { cues: [redFlag], recovery: [] } }));
    expect(flagged.subject).toMatch(/^Red flag: get urgent care before you run again · Your run/);
    const text = flat(flagged.text);
    const flagAt = text.indexOf('Get urgent professional care');
    expect(flagAt).toBeGreaterThan(-1);
    expect(flagAt).toBeLessThan(text.indexOf('The run'));
    expect(flagAt).toBeLessThan(text.indexOf('Cadence'));
    const html = plain(flagged.html);
    expect(html.indexOf('Get urgent professional care')).toBeLessThan(html.indexOf('Pacing and form'));
    expect(flagged.html.indexOf('Get urgent professional care')).toBeLessThan(flagged.html.indexOf('<img'));
    expect(report.subject).not.toMatch(/Red flag/);
  });

  it('says what was repaired in the data, in the text and the HTML (regression: only a JSON warning said so)', () => {
    const repair =
      "The watch's clock jumped 3 days ahead 25 min into the recording; the 1501 records after it were put back on the run's clock, so time and distance keep counting.";
    const mail = renderRunSummary(input({ activity: { ...sampleActivity(), repairs: [repair] } }));
    expect(flat(mail.text)).toContain(repair);
    expect(flat(mail.html)).toContain('clock jumped 3 days ahead 25 min into the recording');
  });
});
