import { describe, expect, it } from 'vitest';
import { trustedLocalOffset, zoneOffsetS } from './local-offset.ts';

describe('zoneOffsetS', () => {
  it('reads the offset of a zone at an instant, DST included', () => {
    expect(zoneOffsetS(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(7200);
    expect(zoneOffsetS(Date.parse('2026-01-01T12:00:00Z'), 'Europe/Berlin')).toBe(3600);
    expect(zoneOffsetS(Date.parse('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800);
    expect(zoneOffsetS(Date.parse('2026-01-01T12:00:00Z'), 'Pacific/Pago_Pago')).toBe(-39_600);
  });
});

describe('trustedLocalOffset', () => {
  // Sunday 3 May 2026, 22:30 UTC: Sunday 11:30 in Pago Pago (−11 h), Monday 12:30 at +14 h.
  const start = '2026-05-03T22:30:00.000Z';

  it("keeps the file's offset within a day of the athlete's zone (a runner abroad)", () => {
    expect(trustedLocalOffset(start, 9 * 3600, 'America/New_York')).toEqual({
      offsetS: 32_400,
      repair: null,
    });
    expect(trustedLocalOffset(start, null, 'Europe/Berlin')).toEqual({ offsetS: null, repair: null });
  });

  it("shows the run in the athlete's zone when the file's offset is more than a day away, and says so", () => {
    const checked = trustedLocalOffset(start, 14 * 3600, 'Pacific/Pago_Pago');
    expect(checked.offsetS).toBe(-11 * 3600);
    expect(checked.repair).toBe(
      'The file gives a local time +14 h from UTC, more than a day from your time zone (Pacific/Pago_Pago, −11 h); the run is shown in your time zone, on the day you ran it.',
    );
  });
});
