import { describe, expect, it } from 'vitest';
import { encodeTestActivity } from './fit-test-files.ts';
import { isFitHeaderAt, splitFitSegments } from './fit-segments.ts';

const a = encodeTestActivity({ records: 5 });
const b = encodeTestActivity({ records: 8 });

describe('splitFitSegments', () => {
  it('finds one segment in a plain file', () => {
    const { segments, trailingBytes } = splitFitSegments(a);
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ start: 0, truncated: false, crcOk: true, dataEnd: a.length - 2 });
    expect(trailingBytes).toBe(0);
  });

  it('splits chained files at the sizes their headers declare', () => {
    const { segments } = splitFitSegments(new Uint8Array([...a, ...b]));
    expect(segments.map((s) => [s.start, s.bytes.length, s.crcOk])).toEqual([
      [0, a.length, true],
      [a.length, b.length, true],
    ]);
  });

  it('marks a short last segment as truncated', () => {
    const { segments } = splitFitSegments(new Uint8Array([...a, ...b.subarray(0, 40)]));
    expect(segments[1]).toMatchObject({ truncated: true, crcOk: null, dataEnd: a.length + 40 });
  });

  it('reports a wrong CRC and trailing garbage', () => {
    const bytes = new Uint8Array([...a, 1, 2, 3]);
    bytes[a.length - 1] = (bytes[a.length - 1] ?? 0) ^ 1;
    const { segments, trailingBytes } = splitFitSegments(bytes);
    expect(segments[0]?.crcOk).toBe(false);
    expect(trailingBytes).toBe(3);
  });

  it('lets a header that declares 0 data bytes take the rest of the file', () => {
    const bytes = a.slice();
    bytes.set([0, 0, 0, 0], 4);
    const stripped = new Uint8Array([
      ...bytes.subarray(0, a[0] ?? 14),
      ...bytes.subarray(a[0] ?? 14, a.length - 2),
    ]);
    const { segments } = splitFitSegments(stripped);
    expect(segments[0]).toMatchObject({ declaredDataSize: 0, truncated: true, dataEnd: stripped.length });
  });

  it('finds no segment in non-FIT bytes', () => {
    expect(splitFitSegments(new Uint8Array([1, 2, 3])).segments).toHaveLength(0);
    expect(isFitHeaderAt(a, 0)).toBe(true);
    expect(isFitHeaderAt(a, 1)).toBe(false);
  });
});
