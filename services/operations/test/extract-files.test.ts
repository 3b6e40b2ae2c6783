import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveLimits } from '../src/import/archive-error.ts';
import { extractFiles } from '../src/import/extract-files.ts';
import type { ExtractedItem, ExtractSource } from '../src/import/extract-files.ts';
import { corpusBytes, writeZip } from '@runcue/scripts/fixtures';

const run = corpusBytes('ActivityLog2/310xt-run.fit');
const run2 = corpusBytes('python-fitparse/garmin-fenix-5-run.fit');
const limits = archiveLimits(50 * 1024 * 1024);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function collect(source: ExtractSource, l = limits): Promise<ExtractedItem[]> {
  const out: ExtractedItem[] = [];
  for await (const item of extractFiles(source, l)) out.push(item);
  return out;
}

function codes(items: ExtractedItem[]): string[] {
  return items.map((i) => (i.ok ? 'ok' : i.error.code));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runcue-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('extractFiles', () => {
  it('passes a .fit through unchanged, from memory or from disk', async () => {
    const file = path.join(dir, 'a.FIT');
    await writeFile(file, run);
    const [fromDisk] = await collect({ name: 'a.FIT', path: file });
    const [fromMemory] = await collect({ name: 'a.fit', bytes: run });
    expect(fromDisk?.ok && sha(fromDisk.bytes)).toBe(sha(run));
    expect(fromMemory?.ok && sha(fromMemory.bytes)).toBe(sha(run));
  });

  it('gunzips a .fit.gz and reports a broken gzip as ARCHIVE_CORRUPT', async () => {
    const [good] = await collect({ name: 'r.fit.gz', bytes: gzipSync(run) });
    expect(good?.ok && sha(good.bytes)).toBe(sha(run));
    const broken = await collect({ name: 'r.fit.gz', bytes: gzipSync(run).subarray(0, 200) });
    expect(codes(broken)).toEqual(['ARCHIVE_CORRUPT']);
  });

  it('opens a Garmin Connect export: zips inside zips, non-FIT entries skipped, names kept', async () => {
    const inner = writeZip([{ name: 'inner/run2.fit', data: run2 }]);
    const outer = writeZip([
      { name: 'DI_CONNECT/DI-Connect-Fitness/summary.json', data: Buffer.from('{}') },
      { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', data: inner, store: true },
      { name: 'a/run.fit', data: run },
      { name: '__MACOSX/a/._run.fit', data: Buffer.from('junk') },
      { name: 'a/run.fit.gz', data: gzipSync(run) },
    ]);
    const file = path.join(dir, 'export.zip');
    await writeFile(file, outer);
    const items = await collect({ name: 'export.zip', path: file });
    expect(codes(items)).toEqual(['ok', 'ok', 'ok']);
    expect(items.map((i) => i.name)).toEqual([
      'export.zip!/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!/inner/run2.fit',
      'export.zip!/a/run.fit',
      'export.zip!/a/run.fit.gz',
    ]);
    expect(items.map((i) => (i.ok ? sha(i.bytes) : ''))).toEqual([sha(run2), sha(run), sha(run)]);
  });

  it.each([['../escape.fit'], ['a/../../escape.fit'], ['/etc/escape.fit'], ['C:/Windows/escape.fit']])(
    'refuses an entry named %s, bytes kept for quarantine, and still yields the safe entries around it',
    async (evil) => {
      const zip = writeZip([
        { name: 'fine.fit', data: run },
        { name: evil, data: run },
        { name: 'also-fine.fit', data: run2 },
      ]);
      const items = await collect({ name: 'evil.zip', bytes: zip });
      expect(codes(items)).toEqual(['ok', 'ARCHIVE_UNSAFE_PATH', 'ok']);
      expect(items.map((i) => i.name)).toEqual([
        'evil.zip!/fine.fit',
        `evil.zip!/${evil}`,
        'evil.zip!/also-fine.fit',
      ]);
      expect(items[1]?.ok === false && items[1].bytes && sha(items[1].bytes)).toBe(sha(run));
    },
  );

  it('refuses a zip bomb entry by its compression ratio without inflating it', async () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const items = await collect({
      name: 'bomb.zip',
      bytes: writeZip([
        { name: 'bomb.fit', data: zeros },
        { name: 'ok.fit', data: run },
      ]),
    });
    expect(codes(items)).toEqual(['ARCHIVE_RATIO_EXCEEDED', 'ok']);
  });

  it('refuses an entry over the per-entry limit, and one whose header lies about its size', async () => {
    const small = archiveLimits(10_000);
    const big = await collect({ name: 'big.zip', bytes: writeZip([{ name: 'big.fit', data: run }]) }, small);
    expect(codes(big)).toEqual(['ARCHIVE_ENTRY_TOO_LARGE']);
    const liar = await collect({
      name: 'liar.zip',
      bytes: writeZip([{ name: 'liar.fit', data: run, declaredSize: 100 }]),
    });
    expect(liar[0]?.ok).toBe(false);
    expect(['ARCHIVE_CORRUPT', 'ARCHIVE_ENTRY_TOO_LARGE']).toContain(
      liar[0]?.ok === false && liar[0].error.code,
    );
  });

  it.each([
    ['stored', true],
    ['deflated', false],
  ])(
    'reads a %s export part larger than the per-file limit: the limit applies to each FIT file in it',
    async (_how, store) => {
      // Regression: a Garmin export whose part zip was over RUNCUE_MAX_FILE_BYTES was refused whole.
      const small = archiveLimits(Math.max(run.byteLength, run2.byteLength) + 10);
      const oversized = new Uint8Array(small.maxEntryBytes + 1).fill(7);
      const part = writeZip([
        ...[1, 2, 3].map((n) => ({ name: `UploadedFiles/a${n}.fit`, data: run })),
        { name: 'UploadedFiles/too-big.fit', data: oversized, store: true },
        ...[1, 2, 3].map((n) => ({ name: `UploadedFiles/b${n}.fit`, data: run2 })),
      ]);
      expect(part.byteLength).toBeGreaterThan(3 * small.maxEntryBytes);
      const file = path.join(dir, `export-${_how}.zip`);
      await writeFile(
        file,
        writeZip([
          { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', data: part, store },
          { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_1-_Part2.zip', data: part, store },
        ]),
      );
      const items = await collect({ name: 'export.zip', path: file }, small);
      const one = ['ok', 'ok', 'ok', 'ARCHIVE_ENTRY_TOO_LARGE', 'ok', 'ok', 'ok'];
      expect(codes(items)).toEqual([...one, ...one]);
      const expected = [run, run, run, null, run2, run2, run2].map((b) => (b ? sha(b) : ''));
      expect(items.map((i) => (i.ok ? sha(i.bytes) : ''))).toEqual([...expected, ...expected]);
      expect(items[6]?.name).toBe(
        'export.zip!/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!/UploadedFiles/b3.fit',
      );
    },
  );

  it('refuses large parts that are corrupt, lie about their size or pass the total limit, and goes on', async () => {
    const l = archiveLimits(run.byteLength + 10, { maxTotalBytes: 10 * run.byteLength });
    const part = writeZip([1, 2, 3, 4].map((n) => ({ name: `r${n}.fit`, data: run })));
    const eight = writeZip([1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ name: `h${n}.fit`, data: run })));
    const items = await collect(
      {
        name: 'export.zip',
        bytes: writeZip([
          { name: 'p1.zip', data: part },
          { name: 'cut.zip', data: part.subarray(0, part.byteLength - 30), store: true },
          { name: 'liar.zip', data: eight, declaredSize: 2 * run.byteLength },
          // Honest, but after p1's 4 runs only 6 runs' worth of room is left.
          { name: 'eight.zip', data: eight },
          { name: 'p2.zip', data: part },
        ]),
      },
      l,
    );
    expect(codes(items)).toEqual([
      ...['ok', 'ok', 'ok', 'ok'],
      ...['ARCHIVE_CORRUPT', 'ARCHIVE_CORRUPT', 'ARCHIVE_TOO_LARGE'],
      ...['ok', 'ok', 'ok', 'ok'],
    ]);
    expect(items.slice(4, 7).map((i) => i.name)).toEqual([
      'export.zip!/cut.zip',
      'export.zip!/liar.zip',
      'export.zip!/eight.zip',
    ]);
  });

  it('refuses a zip whose entries together exceed the total limit', async () => {
    const l = archiveLimits(50 * 1024 * 1024, { maxTotalBytes: run.byteLength * 2 });
    const zip = writeZip([1, 2, 3].map((n) => ({ name: `r${n}.fit`, data: run })));
    expect(codes(await collect({ name: 'many.zip', bytes: zip }, l))).toEqual(['ARCHIVE_TOO_LARGE']);
  });

  it('refuses too many entries and too deep nesting', async () => {
    const l = archiveLimits(50 * 1024 * 1024, { maxEntries: 3, maxDepth: 2 });
    const many = writeZip([1, 2, 3, 4].map((n) => ({ name: `r${n}.fit`, data: run })));
    expect(codes(await collect({ name: 'many.zip', bytes: many }, l))).toEqual(['ARCHIVE_TOO_MANY_ENTRIES']);
    let nested = writeZip([{ name: 'deep.fit', data: run }]);
    for (let i = 0; i < 3; i++) nested = writeZip([{ name: `level${i}.zip`, data: nested, store: true }]);
    const items = await collect({ name: 'nest.zip', bytes: nested }, l);
    expect(codes(items)).toEqual(['ARCHIVE_TOO_DEEP']);
    expect(items[0]?.name).toBe('nest.zip!/level2.zip!/level1.zip!/level0.zip');
  });

  it('reports a corrupt or truncated zip as ARCHIVE_CORRUPT, and a missing file as FILE_UNREADABLE', async () => {
    const zip = writeZip([{ name: 'r.fit', data: run }]);
    expect(codes(await collect({ name: 'cut.zip', bytes: zip.subarray(0, zip.length - 30) }))).toEqual([
      'ARCHIVE_CORRUPT',
    ]);
    expect(codes(await collect({ name: 'junk.zip', bytes: run }))).toEqual(['ARCHIVE_CORRUPT']);
    expect(codes(await collect({ name: 'gone.zip', path: path.join(dir, 'nope.zip') }))).toEqual([
      'FILE_UNREADABLE',
    ]);
  });
});
