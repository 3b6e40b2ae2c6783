import { Profile } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { DefinedField } from './profile-message.ts';
import {
  Accumulator,
  BASE_TYPES,
  FIELD_TYPE_BASE,
  decodeProfileMessage,
  fieldsAffecting,
} from './profile-message.ts';
import { compileSummaryReader } from './summary-message-reader.ts';
import { SUMMARIES } from './fast-fit-reader.ts';
import { eventSpec, hrSpec, summaryOf } from './summary-messages.ts';

// Field descriptions are read by the reader itself, with every field.
const specs = SUMMARIES.filter(([global]) => global !== 206).map(
  ([global, , spec]) => [global, spec] as const,
);

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The definition a device would write for `nums`, each field with its profile base type and `count` elements. */
function definitionOf(global: number, nums: readonly number[], next: () => number): DefinedField[] {
  const profile = Profile.messages[global];
  let at = 0;
  return nums.map((num) => {
    const field = profile?.fields[num];
    const baseType = FIELD_TYPE_BASE[field?.type ?? 'uint8'] ?? 0x02;
    const size =
      (BASE_TYPES[baseType]?.size ?? 1) * (field?.array === true ? 1 + Math.floor(next() * 10) : 1);
    const f = { num, size, baseType: baseType === 0x07 ? 0x07 : baseType, at };
    at += size;
    return f;
  });
}

/** Bytes that are often invalid values or the values sub-fields are chosen by. */
function messageBytes(size: number, next: () => number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const r = next();
    bytes[i] = r < 0.25 ? 0xff : r < 0.5 ? Math.floor(next() * 50) : Math.floor(next() * 256);
  }
  return bytes;
}

describe('the prepared summary message reader', () => {
  for (const [global, spec] of specs) {
    const profile = Profile.messages[global];
    if (profile === undefined) continue;
    const names = Object.keys(spec);
    const wanted = [...fieldsAffecting(profile, names)];
    it(`gives the values decodeProfileMessage gives for ${profile.name} messages, in both byte orders`, () => {
      const next = random(global + 1);
      let compared = 0;
      for (let d = 0; d < 40; d++) {
        // A random selection and order of the fields that affect the spec, sometimes with a string or odd size.
        const nums = wanted.filter(() => next() < 0.7).sort(() => next() - 0.5);
        const fields = definitionOf(global, nums, next);
        const size = fields.reduce((s, f) => s + f.size, 0);
        for (const le of [true, false]) {
          const reader = compileSummaryReader(global, profile, fields, le, spec);
          if (reader === null) continue;
          const fast = new Accumulator();
          const slow = new Accumulator();
          for (let m = 0; m < 30; m++) {
            const bytes = messageBytes(size, next);
            const view = new DataView(bytes.buffer);
            const expected = summaryOf(
              spec,
              decodeProfileMessage(view, 0, global, profile, fields, le, slow),
            );
            expect(reader(view, 0, fast, NaN)).toEqual(expected);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }

  it('expands hr event timestamps with their accumulation across messages', () => {
    const profile = Profile.messages[132];
    if (profile === undefined) throw new Error('no hr message in the profile');
    const fields: DefinedField[] = [
      { num: 253, size: 4, baseType: 0x86 & 0x1f, at: 0 },
      { num: 10, size: 12, baseType: 0x0d, at: 4 },
      { num: 6, size: 8, baseType: 0x02, at: 16 },
    ];
    const reader = compileSummaryReader(132, profile, fields, true, hrSpec);
    expect(reader).not.toBeNull();
    const fast = new Accumulator();
    const slow = new Accumulator();
    const next = random(7);
    for (let m = 0; m < 50; m++) {
      const bytes = messageBytes(24, next);
      const view = new DataView(bytes.buffer);
      const got = reader?.(view, 0, fast, NaN);
      expect(got).toEqual(summaryOf(hrSpec, decodeProfileMessage(view, 0, 132, profile, fields, true, slow)));
    }
  });

  it('gives a compressed timestamp header the timestamp, as the SDK message with it would', () => {
    const profile = Profile.messages[21];
    if (profile === undefined) throw new Error('no event message in the profile');
    const fields: DefinedField[] = [
      { num: 253, size: 4, baseType: 0x86 & 0x1f, at: 0 },
      { num: 0, size: 1, baseType: 0x00, at: 4 },
    ];
    const reader = compileSummaryReader(21, profile, fields, true, eventSpec);
    const view = new DataView(Uint8Array.of(0x10, 0, 0, 0x40, 0).buffer);
    const message = decodeProfileMessage(view, 0, 21, profile, fields, true, new Accumulator());
    const timestampMs = 1_000_000_000_000;
    message.timestamp = new Date(timestampMs);
    expect(reader?.(view, 0, new Accumulator(), timestampMs)).toEqual(summaryOf(eventSpec, message));
    expect(reader?.(view, 0, new Accumulator(), timestampMs)?.timestamp).toBe(timestampMs);
  });

  it('reads date_time values, the invalid one too, as the SDK Date of them', () => {
    const profile = Profile.messages[21];
    if (profile === undefined) throw new Error('no event message in the profile');
    const fields: DefinedField[] = [{ num: 253, size: 4, baseType: 0x86 & 0x1f, at: 0 }];
    for (const le of [true, false]) {
      const reader = compileSummaryReader(21, profile, fields, le, eventSpec);
      for (const raw of [0, 1, 0x7ffffffe, 0xfffffffe, 0xffffffff, 631065600]) {
        const view = new DataView(new ArrayBuffer(4));
        view.setUint32(0, raw, le);
        const expected = summaryOf(
          eventSpec,
          decodeProfileMessage(view, 0, 21, profile, fields, le, new Accumulator()),
        );
        expect(reader?.(view, 0, new Accumulator(), NaN)).toEqual(expected);
      }
    }
  });
});
