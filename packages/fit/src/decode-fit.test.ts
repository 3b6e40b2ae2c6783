import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFit } from './decode-fit.ts';
import { FitError, isFitError } from './fit-error.ts';
import type { FitErrorCode } from './fit-error.ts';
import { encodeTestActivity } from './fit-test-files.ts';

function decodeError(bytes: Uint8Array, options?: { maxBytes?: number }): FitError {
  try {
    decodeFit(bytes, options);
  } catch (e) {
    if (isFitError(e)) return e;
    throw new Error(`expected a FitError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected decodeFit to throw');
}

function expectCode(
  bytes: Uint8Array,
  code: FitErrorCode,
  message: RegExp,
  options?: { maxBytes?: number },
): void {
  const error = decodeError(bytes, options);
  expect(error).toBeInstanceOf(FitError);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

/** A real 1×1 PNG built here (signature, IHDR, IDAT, IEND) with correct chunk CRCs. */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

const activity = encodeTestActivity({ records: 60 });

describe('decodeFit on bad input', () => {
  it('rejects an empty file', () => expectCode(new Uint8Array(0), 'FIT_EMPTY', /empty \(0 bytes\)/));

  it('rejects random bytes', () => {
    let seed = 42;
    const bytes = Uint8Array.from(
      { length: 4096 },
      () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff,
    );
    bytes[0] = 7; // make sure it cannot pass for a header size
    expectCode(bytes, 'FIT_NOT_FIT', /not a FIT file/);
  });

  it('recognises a PNG renamed .fit', () => expectCode(tinyPng(), 'FIT_NOT_FIT', /PNG image/));

  it('refuses files over maxBytes', () =>
    expectCode(activity, 'FIT_TOO_LARGE', /more than the 100-byte limit/, { maxBytes: 100 }));

  it('reports a file cut inside the header as truncated', () =>
    expectCode(activity.subarray(0, 8), 'FIT_TRUNCATED', /inside the FIT file header/));

  it('reports a file cut inside the first definition as truncated', () =>
    expectCode(activity.subarray(0, 14 + 4), 'FIT_TRUNCATED', /before any complete message/));

  it('refuses a settings file and names its type', () => {
    expectCode(
      encodeTestActivity({ records: 0, fileType: 'settings' }),
      'FIT_NOT_ACTIVITY',
      /settings file, not an activity/,
    );
  });

  it('refuses an activity with no records', () =>
    expectCode(encodeTestActivity({ records: 0 }), 'FIT_NO_RECORDS', /no record messages/));

  it('carries the cause and a stable name', () => {
    const error = decodeError(new Uint8Array(0));
    expect(error.name).toBe('FitError');
    expect(isFitError({ name: 'FitError', code: 'FIT_EMPTY' })).toBe(true);
    expect(isFitError(new Error('x'))).toBe(false);
  });
});

describe('decodeFit salvage', () => {
  it('keeps the records before a cut in the middle of the records', () => {
    const full = decodeFit(activity);
    for (const cut of [0.4, 0.6, 0.8]) {
      const part = decodeFit(activity.subarray(0, Math.floor(activity.length * cut)));
      expect(part.integrity).toBe('truncated');
      expect(part.warnings.join(' ')).toMatch(/truncated/);
      expect(part.samples.length).toBeGreaterThan(0);
      expect(part.samples.length).toBeLessThan(full.samples.length);
      expect(Array.from(part.samples.distance)).toEqual(
        Array.from(full.samples.distance.subarray(0, part.samples.length)),
      );
    }
  });

  it('never crashes whatever the cut', () => {
    for (let cut = 1; cut < activity.length; cut += 7) {
      try {
        decodeFit(activity.subarray(0, cut));
      } catch (e) {
        expect(isFitError(e)).toBe(true);
      }
    }
  });

  it('reads a file whose CRC does not match and says so', () => {
    const bytes = activity.slice();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const a = decodeFit(bytes);
    expect(a.integrity).toBe('crc-mismatch');
    expect(a.samples.length).toBe(60);
    expect(a.warnings.join(' ')).toMatch(/checksum does not match/);
  });

  it('drops the values of a record whose timestamp jumps days ahead (regression: strava-android-app file)', () => {
    const a = decodeFit(encodeTestActivity({ records: 60, lastRecordJumpS: 40 * 365 * 86400 }));
    expect(a.samples.length).toBe(60);
    expect(a.samples.time[59]).toBe(58);
    expect(a.samples.speed[59]).toBeNaN();
    expect(a.repairs).toEqual([
      '1 record carried a timestamp far from the rest of the run; its values were left out.',
    ]);
    expect(a.warnings).toContain(a.repairs?.[0]);
    const ok = decodeFit(encodeTestActivity({ records: 60, lastRecordJumpS: 3600 }));
    expect(ok.samples.time[59]).toBe(59 + 3600);
  });

  it('reads every segment of chained files', () => {
    const a = decodeFit(new Uint8Array([...activity, ...encodeTestActivity({ records: 10 })]));
    expect(a.samples.length).toBe(70);
    expect(a.sessions.length).toBe(2);
    // The second recording's clock starts over: its records follow the first's instead of piling up at its end.
    expect(a.warnings.join(' ')).toMatch(/clock jumped 60 s back/);
    expect(a.samples.time[69]).toBeGreaterThan(a.samples.time[59] ?? Infinity);
  });

  it('decodes a good file into steps/min with timer events', () => {
    const a = decodeFit(activity);
    expect(a.integrity).toBe('ok');
    expect(a.samples.cadence[10]).toBe(171);
    expect(a.sessions[0]?.avgCadenceSpm).toBe(170);
    expect(a.timerEvents.map((e) => e.kind)).toEqual(['start', 'stop']);
    expect(a.samples.time[59]).toBe(59);
    expect(a.sensors.gps).toBe(false);
  });

  it('does not double cycling cadence', () => {
    const a = decodeFit(encodeTestActivity({ records: 10, sport: 'cycling', strideCadence: 90 }));
    expect(a.samples.cadence[5]).toBe(90.5);
    expect(a.sessions[0]?.avgCadenceSpm).toBe(90);
  });

  it('does not double a running file that already holds steps/min', () => {
    const a = decodeFit(encodeTestActivity({ records: 10, strideCadence: 172 }));
    expect(a.samples.cadence[5]).toBe(172.5);
    expect(a.warnings.join(' ')).toMatch(/already in steps\/min/);
  });
});

describe('decodeFit and the file hash', () => {
  it('hashes the bytes itself, or takes the hash its caller already worked out', () => {
    const bytes = encodeTestActivity({ records: 60 });
    const own = createHash('sha256').update(bytes).digest('hex');
    const given = 'ab'.repeat(32);
    expect([decodeFit(bytes).sha256, decodeFit(bytes, { sha256: given }).sha256]).toEqual([own, given]);
  });
});
