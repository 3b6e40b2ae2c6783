/**
 * Fuzzing stays in the suite: a seeded, bounded run of mutated zips and gzips through
 * `extractFiles`. Every outcome is a file's bytes (within the limits) or a typed `ArchiveError`
 * with one of the archive codes, the listing always ends, and nothing is thrown. The longer run
 * with counts, hangs and peak memory is `scripts/fuzz.ts`.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveError, archiveLimits } from '../src/import/archive-error.ts';
import { extractFiles } from '../src/import/extract-files.ts';
import { mutateBytes, type Mutation } from '@runcue/fit/testing';
import { writeZip } from '@runcue/scripts/fixtures';

const limits = archiveLimits(256 * 1024, { maxEntries: 64, maxTotalBytes: 2 * 1024 * 1024 });
const body = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const inner = writeZip([{ name: 'inner/run.fit', data: body(300, 3) }]);
const SEEDS: ReadonlyArray<{ name: string; bytes: Uint8Array }> = [
  {
    name: 'export.zip',
    bytes: writeZip([
      { name: 'a/run.fit', data: body(400, 1) },
      { name: 'b/stored.fit', data: body(200, 2), store: true },
      { name: 'c/run.fit.gz', data: gzipSync(body(500, 4)) },
      { name: 'd/part.zip', data: inner, store: true },
      { name: 'notes.json', data: body(50, 5) },
    ]),
  },
  { name: 'run.fit.gz', bytes: gzipSync(body(2000, 6)) },
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('copy' as const),
    at: fc.nat(),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
  }),
);

describe('extractFiles under fuzzing', () => {
  it('answers every mutated archive with bytes within the limits or a typed ArchiveError (seeded, 1500 cases)', async () => {
    const codes = new Map<string, number>();
    let files = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        async (seedIndex, mutations) => {
          const seed = SEEDS[seedIndex] ?? SEEDS[0];
          if (!seed) return;
          const bytes = mutateBytes(seed.bytes, mutations);
          for await (const item of extractFiles({ name: seed.name, bytes }, limits)) {
            if (item.ok) {
              expect(item.bytes.byteLength).toBeLessThanOrEqual(limits.maxEntryBytes);
              files += 1;
            } else {
              expect(item.error).toBeInstanceOf(ArchiveError);
              expect(ArchiveError.codes).toContain(item.error.code);
              codes.set(item.error.code, (codes.get(item.error.code) ?? 0) + 1);
            }
          }
        },
      ),
      { seed: 20261126, numRuns: 1500 },
    );
    expect(files).toBeGreaterThan(100);
    expect(codes.get('ARCHIVE_CORRUPT') ?? 0).toBeGreaterThan(100);
  });
});
