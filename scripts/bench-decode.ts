/**
 * Decode benchmark over the whole shared FIT corpus: the raw @garmin/fitsdk Decoder (baseline),
 * fit-file-parser, our decodeFit, and decodeFit + analyseRun. Each reader runs in its own child
 * process so its peak RSS is its own; each does one warm-up pass and then `--reps` timed passes
 * over every file, and the median pass is reported.
 *
 *   npx tsx scripts/bench-decode.ts [--reps 3]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Decoder, Stream } from '@garmin/fitsdk';
import FitParser from 'fit-file-parser';
import { decodeFit } from '@runcue/fit';
import { analyseRun } from '@runcue/analysis';

const readers = {
  'fitsdk Decoder': (bytes: Uint8Array): unknown => {
    const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read();
    if (errors.length > 0) throw new Error('the SDK reported errors', { cause: errors[0] });
    return messages;
  },
  'fit-file-parser': (bytes: Uint8Array): Promise<unknown> =>
    new FitParser({ force: true, mode: 'list', speedUnit: 'm/s', lengthUnit: 'm' }).parseAsync(
      // Every file sits alone in its own ArrayBuffer (see corpusFiles), so this does not copy.
      Buffer.from(bytes.buffer as ArrayBuffer),
    ),
  decodeFit: (bytes: Uint8Array): unknown => decodeFit(bytes),
  'decodeFit + analyseRun': (bytes: Uint8Array): unknown => analyseRun(decodeFit(bytes)),
} as const;
type ReaderName = keyof typeof readers;
const baseline: ReaderName = 'fitsdk Decoder';

interface ChildResult {
  reader: ReaderName;
  files: number;
  bytes: number;
  ok: number;
  passesMs: number[];
  rssBaseMb: number;
  maxRssMb: number;
  heapPeakDeltaMb: number;
}

const corpusDir = fileURLToPath(new URL('../../shared/fit-corpus/', import.meta.url));

function corpusFiles(): Uint8Array[] {
  const [head = '', ...rows] = readFileSync(`${corpusDir}MANIFEST.tsv`, 'utf8').trimEnd().split('\n');
  const pathCol = head.split('\t').indexOf('path');
  // Copied out of Node's Buffer pool so that each file owns exactly its ArrayBuffer.
  return rows.map((row) => Uint8Array.from(readFileSync(`${corpusDir}${row.split('\t')[pathCol] ?? ''}`)));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const mb = (n: number): number => n / 1024 / 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** One pass over every file; returns how many the reader read without an error. */
async function pass(
  read: (b: Uint8Array) => unknown,
  files: readonly Uint8Array[],
  onEach?: () => void,
): Promise<number> {
  let ok = 0;
  for (const bytes of files) {
    try {
      await read(bytes);
      ok++;
    } catch {
      // Non-activity and broken files are part of the corpus; a refusal still costs time.
    }
    onEach?.();
  }
  return ok;
}

async function child(name: ReaderName, reps: number): Promise<ChildResult> {
  const files = corpusFiles();
  const read = readers[name];
  gc();
  const rssBase = process.memoryUsage.rss();
  const ok = await pass(read, files); // warm-up
  const passesMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    gc();
    const t0 = performance.now();
    await pass(read, files);
    passesMs.push(performance.now() - t0);
  }
  // An untimed pass for the heap: the most the heap grew above its level before the pass.
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let heapPeak = heap0;
  await pass(read, files, () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)));
  return {
    reader: name,
    files: files.length,
    bytes: files.reduce((s, f) => s + f.byteLength, 0),
    ok,
    passesMs,
    rssBaseMb: mb(rssBase),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapPeakDeltaMb: mb(heapPeak - heap0),
  };
}

function parent(reps: number): void {
  const script = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const name of Object.keys(readers) as ReaderName[]) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', script, '--child', name, '--reps', String(reps)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    results.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult);
  }
  const base = results.find((r) => r.reader === baseline);
  const baseMs = base ? median(base.passesMs) : NaN;
  const first = results[0];
  console.log(
    `FIT corpus: ${first?.files ?? 0} files, ${mb(first?.bytes ?? 0).toFixed(1)} MB; median of ${reps} passes after one warm-up`,
  );
  console.log(`baseline: ${baseline}\n`);
  const header = [
    'reader',
    'read ok',
    'median ms',
    'MB/s',
    'vs baseline',
    'peak RSS MB',
    'RSS over base MB',
    'heap peak Δ MB',
  ];
  const rows = results.map((r) => {
    const ms = median(r.passesMs);
    return [
      r.reader,
      `${r.ok}/${r.files}`,
      ms.toFixed(0),
      (mb(r.bytes) / (ms / 1000)).toFixed(1),
      `${(ms / baseMs).toFixed(2)}×`,
      r.maxRssMb.toFixed(0),
      (r.maxRssMb - r.rssBaseMb).toFixed(0),
      r.heapPeakDeltaMb.toFixed(1),
    ];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => (row[k] ?? '').length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0)))
        .join('  '),
    );
  console.log('\n"vs baseline" is time relative to the SDK Decoder (lower is faster).');
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const reps = Math.max(1, Number(flag('--reps') ?? 3));
const childName = flag('--child');
if (childName !== undefined) {
  if (!(childName in readers)) throw new Error(`unknown reader ${childName}`);
  console.log(JSON.stringify(await child(childName as ReaderName, reps)));
} else {
  parent(reps);
}
