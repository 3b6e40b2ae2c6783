/**
 * Decode benchmark over the whole shared FIT corpus, every reader in ONE process, interleaved:
 * each round runs one pass over every file per reader, in a rotating order, so that a busy
 * machine slows every reader alike and the ratios stay meaningful. Readers:
 *
 *   - fitsdk Decoder (the baseline): `@garmin/fitsdk`'s Decoder, messages only;
 *   - fit-file-parser;
 *   - readFit (SDK): our DecodedFit through the SDK Decoder (the reference path);
 *   - readFit: our DecodedFit through the fast reader;
 *   - decodeFit: readFit + merged heart rates + buildActivity (the Activity);
 *   - decodeFit + analyseRun.
 *
 * Prints, per reader, the median pass time, MB/s and the speed-up over the baseline (median of
 * per-round ratios), the load average, and the analysis of one hour of 1 Hz data on its own with
 * the time of each of its stages.
 *
 *   npx tsx scripts/bench-decode.ts [--rounds 5] [--analysis-only]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Decoder, Stream } from '@garmin/fitsdk';
import FitParser from 'fit-file-parser';
import { decodeFit, readFit } from '@runcue/fit';
import { analyseRun, analyseRunStages } from '@runcue/analysis';
import { realisticRun } from './fixtures/realistic-run.ts';

interface Reader {
  readonly name: string;
  readonly read: (bytes: Uint8Array) => unknown;
  readonly async?: boolean;
}

const readers: readonly Reader[] = [
  {
    name: 'fitsdk Decoder',
    read: (bytes) => new Decoder(Stream.fromByteArray(bytes)).read().messages,
  },
  {
    name: 'fit-file-parser',
    async: true,
    read: (bytes) =>
      new FitParser({ force: true, mode: 'list', speedUnit: 'm/s', lengthUnit: 'm' }).parseAsync(
        // Every file sits alone in its own ArrayBuffer (see corpusFiles), so this does not copy.
        Buffer.from(bytes.buffer as ArrayBuffer),
      ),
  },
  { name: 'readFit (SDK path)', read: (bytes) => readFit(bytes, { readers: 'sdk' }) },
  { name: 'readFit', read: (bytes) => readFit(bytes) },
  { name: 'decodeFit', read: (bytes) => decodeFit(bytes) },
  { name: 'decodeFit + analyseRun', read: (bytes) => analyseRun(decodeFit(bytes)) },
];
const baseline = 'fitsdk Decoder';

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

/** One pass over every file; returns its time in ms and how many files were read without an error. */
async function pass(reader: Reader, files: readonly Uint8Array[]): Promise<{ ms: number; ok: number }> {
  let ok = 0;
  const t0 = performance.now();
  for (const bytes of files) {
    try {
      if (reader.async) await reader.read(bytes);
      else reader.read(bytes);
      ok++;
    } catch {
      // Non-activity and broken files are part of the corpus; a refusal still costs time.
    }
  }
  return { ms: performance.now() - t0, ok };
}

/**
 * Analysis alone on one hour of 1 Hz running: a generated realistic run of exactly 3,600 s,
 * decoded once. Returns its record count, the median wall time and process CPU time of
 * `analyseRun`, and the median wall time of each of its stages (`analyseRunStages`). CPU time is
 * printed beside wall time because on a shared machine a few milliseconds of wall time also
 * count the time the process waited for a core.
 */
function analysisOfOneHour(rounds: number): {
  records: number;
  ms: number;
  cpuMs: number;
  stages: { stage: string; ms: number }[];
} {
  const run = decodeFit(realisticRun(0, { durationS: 3600 }));
  for (let i = 0; i < 20; i++) analyseRun(run);
  const times: number[] = [];
  const cpu: number[] = [];
  const stageTimes = new Map<string, number[]>();
  for (let r = 0; r < rounds * 20; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    analyseRun(run);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    for (const { stage, ms } of analyseRunStages(run, {}, () => performance.now()).stages) {
      const list = stageTimes.get(stage) ?? [];
      list.push(ms);
      stageTimes.set(stage, list);
    }
  }
  return {
    records: run.samples.length,
    ms: median(times),
    cpuMs: median(cpu),
    stages: [...stageTimes].map(([stage, ms]) => ({ stage, ms: median(ms) })),
  };
}

const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const rounds = Math.max(1, Number(flag('--rounds') ?? 5));

/** The corpus benchmark: every reader, interleaved round by round. */
async function benchCorpus(): Promise<void> {
  const loadBefore = loadAverage();
  const files = corpusFiles();
  const totalMb = files.reduce((s, f) => s + f.byteLength, 0) / 1024 / 1024;
  const okByReader = new Map<string, number>();
  for (const r of readers) okByReader.set(r.name, (await pass(r, files)).ok); // warm-up
  const times = new Map<string, number[]>(readers.map((r) => [r.name, []]));
  const ratios = new Map<string, number[]>(readers.map((r) => [r.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = readers.map((_, i) => readers[(i + round) % readers.length] as Reader);
    const thisRound = new Map<string, number>();
    for (const r of order) thisRound.set(r.name, (await pass(r, files)).ms);
    const base = thisRound.get(baseline) ?? NaN;
    for (const [name, ms] of thisRound) {
      times.get(name)?.push(ms);
      ratios.get(name)?.push(base / ms);
    }
  }

  console.log(
    `FIT corpus: ${files.length} files, ${totalMb.toFixed(1)} MB; ${rounds} interleaved rounds after a warm-up, one process`,
  );
  console.log(
    `baseline: ${baseline}; load average (1 / 5 / 15 min) ${loadBefore} before, ${loadAverage()} after\n`,
  );
  const header = ['reader', 'read ok', 'median ms', 'MB/s', 'speed-up vs baseline'];
  const rows = readers.map((r) => {
    const ms = median(times.get(r.name) ?? []);
    return [
      r.name,
      `${okByReader.get(r.name) ?? 0}/${files.length}`,
      ms.toFixed(0),
      (totalMb / (ms / 1000)).toFixed(1),
      `${median(ratios.get(r.name) ?? []).toFixed(1)}x`,
    ];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => (row[k] ?? '').length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0)))
        .join('  '),
    );
  console.log('\n"speed-up" is the median over rounds of (baseline pass time / reader pass time).');
}

if (!args.includes('--analysis-only')) await benchCorpus();
const hour = analysisOfOneHour(rounds);
console.log(
  `\nanalyseRun on a generated 1 Hz run of one hour (${hour.records} records): ${hour.ms.toFixed(2)} ms wall, ${hour.cpuMs.toFixed(2)} ms process CPU (medians of ${rounds * 20}; load average ${loadAverage()})`,
);
for (const { stage, ms } of hour.stages) console.log(`  ${stage.padEnd(32)} ${ms.toFixed(2).padStart(6)} ms`);
