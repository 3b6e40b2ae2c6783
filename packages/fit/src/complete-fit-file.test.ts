import { describe, expect, it } from 'vitest';
import { declaredFitSize, isCompleteFitFile } from './complete-fit-file.ts';
import { encodeTestActivity } from './fit-test-files.ts';

const a = encodeTestActivity({ records: 30 });
const b = encodeTestActivity({ records: 12 });

describe('isCompleteFitFile', () => {
  it('accepts a finished file and chained finished files', () => {
    expect(isCompleteFitFile(a)).toBe(true);
    expect(isCompleteFitFile(new Uint8Array([...a, ...b]))).toBe(true);
  });

  it('refuses a file cut anywhere, one with a wrong CRC, trailing bytes, or an unfinalised header', () => {
    for (const cut of [a.length - 1, a.length - 2, a.length - 20, 14, 5])
      expect(isCompleteFitFile(a.subarray(0, cut))).toBe(false);
    const badCrc = a.slice();
    badCrc[a.length - 1] = (badCrc[a.length - 1] ?? 0) ^ 1;
    expect(isCompleteFitFile(badCrc)).toBe(false);
    expect(isCompleteFitFile(new Uint8Array([...a, 0]))).toBe(false);
    expect(isCompleteFitFile(new Uint8Array([...a, ...b.subarray(0, 30)]))).toBe(false);
    const unfinalised = a.slice(0, a.length - 2);
    unfinalised.set([0, 0, 0, 0], 4);
    expect(isCompleteFitFile(unfinalised)).toBe(false);
    expect(isCompleteFitFile(new TextEncoder().encode('not a FIT file'))).toBe(false);
  });

  it('tells from the header alone how large the finished file is', () => {
    expect(declaredFitSize(a.subarray(0, 14))).toBe(a.length);
    const unfinalised = a.slice(0, 14);
    unfinalised.set([0, 0, 0, 0], 4);
    expect(declaredFitSize(unfinalised)).toBeNull();
    expect(declaredFitSize(new Uint8Array(14))).toBeNull();
  });
});
