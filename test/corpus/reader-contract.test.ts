import { describe, expect, it } from 'vitest';
import { readFit, isFitError } from '@runcue/fit';
import type { DecodedFit } from '@runcue/fit';
import { readCorpusFile, readManifest } from './manifest.ts';

/**
 * The contract between the two FIT readers behind `readFit`: on every corpus file, the fast
 * reader (plans compiled from the SDK's Profile, bytes read straight into columns) gives the same
 * DecodedFit as `@garmin/fitsdk`'s Decoder (with the own record reader where the SDK fails):
 * the same records kept, every column equal to float rounding, the same summary messages.
 */

const rows = readManifest();

/**
 * Files where the fast reader hands a segment to the SDK, and why (none today: the fast reader
 * also reads the files the SDK cannot, where the reference is the own record reader).
 */
const declined: Record<string, string> = {};

/**
 * Files the SDK cannot read (compressed timestamps), where the reference is the own record reader,
 * which does not expand compressed speed further into enhanced speed; the fast reader does, as the
 * SDK does, so its enhanced speed must equal its speed.
 */
const expandsEnhancedSpeed = new Set(['python-fitparse/compressed-speed-distance.fit']);

function read(bytes: Uint8Array, readers: 'fast' | 'sdk'): DecodedFit | string {
  try {
    return readFit(bytes, { readers });
  } catch (e) {
    if (isFitError(e)) return e.code;
    throw e;
  }
}

/** Index of the first place two columns differ beyond float rounding, or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? NaN;
    const y = b[i] ?? NaN;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)))) return i;
  }
  return -1;
}

function columnDifferences(fast: DecodedFit, sdk: DecodedFit): string[] {
  const out: string[] = [];
  const names = new Set([...Object.keys(fast.records.columns), ...Object.keys(sdk.records.columns)]);
  for (const name of names) {
    const a = fast.records.columns[name as keyof DecodedFit['records']['columns']];
    const b = sdk.records.columns[name as keyof DecodedFit['records']['columns']];
    if (a === undefined || b === undefined) {
      out.push(`${name}: only the ${a === undefined ? 'SDK' : 'fast reader'} has this column`);
      continue;
    }
    const i = firstDifference(a, b);
    if (i >= 0) out.push(`${name}[${i}]: fast ${a[i]} vs SDK ${b[i]}`);
  }
  const keys = new Set([...fast.records.developer.keys(), ...sdk.records.developer.keys()]);
  for (const key of keys) {
    const a = fast.records.developer.get(key);
    const b = sdk.records.developer.get(key);
    if (a === undefined || b === undefined) {
      out.push(`developer ${key}: only the ${a === undefined ? 'SDK' : 'fast reader'} has this column`);
      continue;
    }
    const i = firstDifference(a, b);
    if (i >= 0) out.push(`developer ${key}[${i}]: fast ${a[i]} vs SDK ${b[i]}`);
  }
  return out;
}

const summaries = [
  'fileIds',
  'fileCreators',
  'activities',
  'sports',
  'sessions',
  'laps',
  'events',
  'deviceInfos',
  'hr',
  'fieldDescriptions',
] as const;

describe('the fast FIT reader agrees with the SDK Decoder on every corpus file', () => {
  let fastSegments = 0;
  for (const row of rows) {
    it(row.path, () => {
      const bytes = readCorpusFile(row.path);
      const sdk = read(bytes, 'sdk');
      let fast = read(bytes, 'fast');
      if (typeof sdk === 'string' || typeof fast === 'string') {
        expect(fast).toEqual(sdk);
        return;
      }
      const why = declined[row.path];
      if (why === undefined)
        expect(fast.segments.map((s) => s.reader)).toEqual(fast.segments.map(() => 'fast'));
      else
        expect(
          fast.segments.some((s) => s.reader !== 'fast'),
          why,
        ).toBe(true);
      fastSegments += fast.segments.filter((s) => s.reader === 'fast').length;

      expect(fast.records.length, 'records kept').toBe(sdk.records.length);
      if (expandsEnhancedSpeed.has(row.path)) {
        const { enhancedSpeed, speed } = fast.records.columns;
        expect(sdk.records.columns.enhancedSpeed).toBeUndefined();
        expect(Array.from(enhancedSpeed ?? [])).toEqual(Array.from(speed ?? []));
        const { enhancedSpeed: _, ...rest } = fast.records.columns;
        fast = { ...fast, records: { ...fast.records, columns: rest } };
      }
      expect(columnDifferences(fast, sdk)).toEqual([]);
      for (const kind of summaries) expect(fast[kind], kind).toEqual(sdk[kind]);
      expect(fast.trailingBytes).toBe(sdk.trailingBytes);
      const facts = (d: DecodedFit) =>
        d.segments.map(({ start, declaredDataSize, dataBytes, truncated, crcOk, recordCount }) => ({
          start,
          declaredDataSize,
          dataBytes,
          truncated,
          crcOk,
          recordCount,
        }));
      expect(facts(fast)).toEqual(facts(sdk));
    });
  }
  it('read most corpus files with the fast reader', () => {
    expect(fastSegments).toBeGreaterThan(rows.length * 0.9);
  });
});
