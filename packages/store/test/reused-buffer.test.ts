import { describe, expect, it } from 'vitest';
import { ReusedBuffer } from '../src/reused-buffer.ts';

describe('ReusedBuffer', () => {
  it('hands back the kept buffer while it is large enough, grows it up to 2^18 values, and past that gives one-off buffers', () => {
    const buffer = new ReusedBuffer((length) => new Float64Array(length));
    const first = buffer.get(10);
    expect(buffer.get(4096)).toBe(first);
    const grown = buffer.get(5000);
    expect(grown.length).toBeGreaterThanOrEqual(5000);
    expect(buffer.get(100)).toBe(grown);
    const huge = buffer.get(2 ** 18 + 1);
    expect(huge.length).toBe(2 ** 18 + 1);
    expect(buffer.get(100)).toBe(grown);
    expect(buffer.get(2 ** 18).length).toBe(2 ** 18);
  });
});
