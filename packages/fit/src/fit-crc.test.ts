import { CrcCalculator } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { fitCrc } from './fit-crc.ts';
import { encodeTestActivity } from './fit-test-files.ts';

describe('fitCrc', () => {
  it('equals the SDK CrcCalculator on random bytes and ranges', () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (const [start, end] of [
      [0, 0],
      [0, 1],
      [3, 17],
      [0, 5000],
      [1234, 4321],
    ] as const)
      expect(fitCrc(bytes, start, end)).toBe(CrcCalculator.calculateCRC(bytes, start, end));
  });

  it('equals the SDK CrcCalculator over ranges longer than the bytes it takes at a time', () => {
    let seed = 11;
    const bytes = Uint8Array.from(
      { length: 200_000 },
      () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
    );
    for (const [start, end] of [
      [0, 200_000],
      [5, 65_536 + 37],
      [65_535, 131_073],
    ] as const)
      expect(fitCrc(bytes, start, end)).toBe(CrcCalculator.calculateCRC(bytes, start, end));
  });

  it('is 0 over a whole FIT file including its stored CRC', () => {
    const file = encodeTestActivity({ records: 5 });
    expect(fitCrc(file, 0, file.length)).toBe(0);
  });
});
