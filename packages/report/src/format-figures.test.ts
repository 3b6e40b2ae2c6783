import { describe, expect, it } from 'vitest';
import {
  NOT_AVAILABLE,
  formatDistance,
  formatDuration,
  formatElevation,
  formatPace,
  formatPaceChange,
  formatShare,
  formatSignedPercent,
  formatStart,
} from './format-figures.ts';

describe('format figures', () => {
  it('prints a 10 000 m run as 10.00 km and 6.21 mi', () => {
    expect(formatDistance(10_000, 'km')).toBe('10.00 km');
    expect(formatDistance(10_000, 'mi')).toBe('6.21 mi');
    expect(formatDistance(1609.344, 'mi')).toBe('1.00 mi');
  });

  it('prints 5:00 /km as 8:03 /mi (300 s × 1.609344 = 482.8 s)', () => {
    expect(formatPace(300, 'km')).toBe('5:00 /km');
    expect(formatPace(300, 'mi')).toBe('8:03 /mi');
    expect(formatPaceChange(10, 'mi')).toBe('+16 s/mi');
    expect(formatPaceChange(-10, 'km')).toBe('-10 s/km');
  });

  it('prints durations as m:ss under an hour and h:mm:ss above', () => {
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3000)).toBe('50:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('prints elevation in metres for km and feet for miles', () => {
    expect(formatElevation(100, 'km')).toBe('100 m');
    expect(formatElevation(100, 'mi')).toBe('328 ft');
  });

  it('prints missing figures as not available, never NaN', () => {
    for (const bad of [null, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatDistance(bad, 'km')).toBe(NOT_AVAILABLE);
      expect(formatPace(bad, 'mi')).toBe(NOT_AVAILABLE);
      expect(formatDuration(bad)).toBe(NOT_AVAILABLE);
      expect(formatShare(bad)).toBe(NOT_AVAILABLE);
      expect(formatSignedPercent(bad)).toBe(NOT_AVAILABLE);
    }
    expect(formatPace(0, 'km')).toBe(NOT_AVAILABLE);
  });

  it('prints signs only where the rounded figure is not zero', () => {
    expect(formatSignedPercent(3.44)).toBe('+3.4%');
    expect(formatSignedPercent(0.01)).toBe('0.0%');
    expect(formatSignedPercent(-5.06)).toBe('-5.1%');
  });

  it('prints the start in the device local time, or in UTC when the offset is unknown', () => {
    expect(formatStart('2026-11-22T07:15:00.000Z', 3600)).toBe('Sun 22 Nov 2026, 08:15');
    expect(formatStart('2026-11-22T23:30:00.000Z', 3600)).toBe('Mon 23 Nov 2026, 00:30');
    expect(formatStart('2026-11-22T07:15:00.000Z', null)).toBe('Sun 22 Nov 2026, 07:15 UTC');
    expect(formatStart('not a date', null)).toBe(NOT_AVAILABLE);
  });
});
