import type { WeeklyTrends } from '@runcue/analysis';
import { describe, expect, it } from 'vitest';
import { decodePngInfo } from '../test/png-info.ts';
import { sampleCues, sampleRecovery } from '../test/sample-run.ts';
import { sampleWeeklyTrends } from '../test/sample-weeks.ts';
import { renderWeeklyReview, WeeklyReviewError, type WeeklyReviewInput } from './weekly-review.ts';

const flat = (text: string): string => text.replace(/\s+/g, ' ');
const plain = (html: string): string =>
  flat(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );

function input(overrides: Partial<WeeklyReviewInput> = {}): WeeklyReviewInput {
  return {
    athlete: { name: 'Alex', units: 'km', thresholdSpm: 170 },
    trends: sampleWeeklyTrends(),
    advice: { cues: sampleCues(), recovery: sampleRecovery() },
    ...overrides,
  };
}

describe('renderWeeklyReview', () => {
  const trends = sampleWeeklyTrends();
  const report = renderWeeklyReview(input({ trends }));
  const week = trends.weeks[trends.weeks.length - 1];

  it('charts distance, cadence and form/pain as 600×240 PNGs under 60 KB, each referenced with alt text', () => {
    expect(report.images.map((i) => i.filename)).toEqual([
      'weekly-distance.png',
      'weekly-cadence.png',
      'weekly-form.png',
    ]);
    for (const image of report.images) {
      expect(decodePngInfo(image.png)).toMatchObject({ width: 600, height: 240 });
      expect(image.png.length).toBeLessThan(60_000);
      expect(report.html).toContain(`src="cid:${image.cid}"`);
    }
    expect(report.html.match(/<img [^>]*alt="[^"]{20,}"/g)).toHaveLength(3);
    expect(report.html).not.toMatch(/<style|<script|<link/i);
  });

  it("puts the last week's figures from the trends in the subject, text and HTML", () => {
    expect(week?.isoWeek).toBe('2026-W47');
    if (!week) return;
    const km = (week.distanceM / 1000).toFixed(1);
    expect(report.subject).toBe(
      `Your week 2026-W47: ${km} km in 3 runs, cadence ${Math.round(week.cadenceMedianSpm ?? Number.NaN)} spm`,
    );
    const facts = [
      `${km} km in 3 runs`,
      `${Math.round(week.cadenceMedianSpm ?? Number.NaN)} spm`,
      `${Math.round((week.shareBelowThreshold ?? Number.NaN) * 100)}%`,
      `+${(week.decouplingMedianPercent ?? Number.NaN).toFixed(1)}% median`,
      '16–22 Nov 2026',
      'Pegasus 40',
    ];
    for (const fact of facts) {
      expect(flat(report.text)).toContain(fact);
      expect(plain(report.html)).toContain(fact);
    }
  });

  it('tabulates all twelve weeks, with the ramp flag on the week that jumped', () => {
    const rows = report.text.split('\n').filter((l) => /^W\d\d\s/.test(l));
    expect(rows.map((r) => r.slice(0, 3))).toEqual(trends.weeks.map((w) => w.isoWeek.slice(5)));
    const flagged = trends.weeks.filter((w) => w.rampFlag).map((w) => w.isoWeek.slice(5));
    expect(flagged).toEqual(['W45']);
    expect(rows.find((r) => r.startsWith('W45'))).toMatch(/\+\d+%!/);
    expect(rows.filter((r) => r.includes('%!'))).toHaveLength(1);
    expect(rows.find((r) => r.startsWith('W46'))).toContain('4/10');
  });

  it('switches distances to miles', () => {
    const mi = renderWeeklyReview(input({ athlete: { name: 'Alex', units: 'mi', thresholdSpm: 170 } }));
    const miles = ((week?.distanceM ?? Number.NaN) / 1609.344).toFixed(1);
    expect(mi.subject).toContain(`${miles} mi`);
    expect(flat(mi.text)).toContain(`${miles} mi in 3 runs`);
    expect(mi.text).toContain('300–500 mi');
    expect(mi.text).not.toMatch(/\d km\b/);
  });

  it('warns first about red-flag pain, a ramp, the acute:chronic ratio and a worn shoe', () => {
    const last = trends.weeks[trends.weeks.length - 1];
    if (!last) throw new Error('no week');
    const risky: WeeklyTrends = {
      ...trends,
      weeks: [
        ...trends.weeks.slice(0, -1),
        {
          ...last,
          distanceM: last.distanceM * 1.25,
          rampPercent: 24.6,
          rampFlag: true,
          acuteChronicRatio: 1.42,
          acuteChronicFlag: true,
          pain: { count: 1, maxScore: 5, meanScore: 5, redFlagCount: 1 },
        },
      ],
    };
    const text = flat(renderWeeklyReview(input({ trends: risky })).text);
    const beforeWeek = text.slice(0, text.indexOf('This week'));
    expect(beforeWeek).toContain('pain with a red flag this week. Please see a doctor or physio');
    expect(beforeWeek).toContain(
      'Distance rose +25% on last week, above the 10% line: make next week lighter',
    );
    expect(beforeWeek).toContain('1.42 × your average week over the 28 days to its end, above 1.3');
    expect(beforeWeek).not.toContain('last 7 days');
    // The same flags on a week that barely moved are no alarm (a short recording is not a spike).
    const blip = flat(
      renderWeeklyReview(
        input({
          trends: {
            ...risky,
            weeks: [
              ...trends.weeks.slice(0, -1),
              { ...last, rampFlag: true, rampPercent: 24.6, acuteChronicFlag: true, acuteChronicRatio: 1.42 },
            ],
          },
        }),
      ).text,
    );
    expect(blip).not.toContain('Distance rose');
    expect(blip).not.toContain('× your average week');
    expect(beforeWeek).toContain('Pegasus 40 has');
  });

  it('says not available for weeks without runs, never NaN', () => {
    const empty = renderWeeklyReview(input({ trends: sampleWeeklyTrends('2026-W49'), advice: null }));
    for (const body of [flat(empty.text), plain(empty.html)]) {
      expect(body).not.toMatch(/NaN|undefined|null|Infinity/);
      expect(body).toMatch(/Distance:? no runs this week/);
      expect(body).toMatch(/Late-run form decay:? not available/);
      expect(body).toMatch(/Median cadence:? not available/);
      expect(body).toMatch(/Decoupling:? not available/);
      expect(body).toContain('Coaching is not available this week.');
    }
    expect(empty.text).toMatch(/^W49 +0\.0 +n\/a/m);
    expect(empty.subject).toBe('Your week 2026-W49: no runs');
    expect(empty.images.find((i) => i.filename === 'weekly-cadence.png')?.alt).toContain(
      'no cadence this week',
    );
    expect(empty.text).toMatch(/^W48 +0\.0 +-100% +n\/a +n\/a +n\/a +n\/a +–$/m);
  });

  it('shows the cues and recovery, and escapes the name', () => {
    const r = renderWeeklyReview(
      input({ athlete: { name: 'Eve <img src=x onerror=alert(1)>', units: 'km', thresholdSpm: 170 } }),
    );
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    expect(flat(r.text)).toContain('run tall for 20 seconds every kilometre');
    expect(flat(r.text)).toContain('Dead bugs: 3 × 10 per side');
    expect(r.html).toContain('Source: Why Running Wrecks Your Lower Back (And It&#39;s Not Just Weakness)');
  });

  it('refuses trends with no week, with a stable code', () => {
    expect(() => renderWeeklyReview(input({ trends: { ...trends, weeks: [] } }))).toThrow(WeeklyReviewError);
    expect(() => renderWeeklyReview(input({ trends: { ...trends, weeks: [] } }))).toThrow(
      expect.objectContaining({ code: 'REPORT_NO_WEEKS' }),
    );
  });
});
