/**
 * The long fuzz run: mutated FIT files through `decodeFit` and mutated zips and gzips through
 * `extractFiles`, each case drawn from the seed and its index, in a worker thread watched by this
 * process. Prints, per target, the cases run, how many decoded, the typed errors by code, crashes
 * (anything but a typed FitError or ArchiveError, with the case index to replay), hangs (a case
 * that did not finish within --timeout-ms: the worker is ended and the run goes on after it), the
 * slowest case, and the process's peak memory. Exit 1 on any crash or hang.
 *
 *   npx tsx scripts/fuzz.ts [--cases 5000] [--seed 1] [--timeout-ms 10000] [--targets decoder,archive]
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { CaseOutcome, FuzzJob } from './fuzz-worker.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'timeout-ms': { type: 'string', default: '10000' },
    targets: { type: 'string', default: 'decoder,archive' },
  },
});
const CASES = Number(values.cases);
const SEED = Number(values.seed);
const TIMEOUT_MS = Number(values['timeout-ms']);
const targets = values.targets.split(',') as Array<FuzzJob['target']>;

const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./fuzz-worker.ts', import.meta.url).href,
)}); });`;

/** How long a worker may take to load its modules (tsx compiles them) before its first case. */
const STARTUP_MS = 180_000;

let peakRssMb = 0;
const sampler = setInterval(() => {
  peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1048576);
}, 50);

interface Tally {
  ok: number;
  typed: Map<string, number>;
  crashes: Array<{ i: number; message: string }>;
  hangs: number[];
  slowest: { i: number; ms: number };
  peakHeapMb: number;
}

/** Runs cases `from`..CASES in one worker; resolves with the index to resume at (past a hang) or CASES. */
function runWorker(target: FuzzJob['target'], from: number, tally: Tally): Promise<number> {
  return new Promise((resolve, reject) => {
    const job: FuzzJob = { target, seed: SEED, from, to: CASES };
    // The worker is TypeScript too: it registers tsx's loader, then imports it.
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: job });
    let posted = false;
    let next = from;
    // Loading and compiling the modules is not a case: a worker that does not start in time is an error.
    let watchdog = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the fuzz worker did not start within ${STARTUP_MS} ms`));
    }, STARTUP_MS);
    function onHang(): void {
      tally.hangs.push(next);
      void worker.terminate().then(() => resolve(next + 1));
    }
    worker.on('message', (o: CaseOutcome | { ready: true }) => {
      posted = true;
      clearTimeout(watchdog);
      watchdog = setTimeout(onHang, TIMEOUT_MS);
      if ('ready' in o) return;
      next = o.i + 1;
      tally.peakHeapMb = Math.max(tally.peakHeapMb, o.heapMb);
      if (o.ms > tally.slowest.ms) tally.slowest = { i: o.i, ms: o.ms };
      if (o.kind === 'ok') tally.ok += 1;
      else if (o.kind === 'typed') tally.typed.set(o.code, (tally.typed.get(o.code) ?? 0) + 1);
      else tally.crashes.push({ i: o.i, message: o.message });
    });
    worker.on('error', (err) => {
      clearTimeout(watchdog);
      if (!posted && next === from && from === 0) {
        reject(new Error(`the fuzz worker did not start: ${err.message}`));
        return;
      }
      // The worker died on a case (out of memory, a native crash): a crash of that case.
      tally.crashes.push({ i: next, message: `worker died: ${err.message}` });
      resolve(next + 1);
    });
    worker.on('exit', () => {
      clearTimeout(watchdog);
      if (next >= CASES) resolve(CASES);
    });
    worker.on('messageerror', reject);
  });
}

let failed = false;
for (const target of targets) {
  const tally: Tally = {
    ok: 0,
    typed: new Map(),
    crashes: [],
    hangs: [],
    slowest: { i: -1, ms: 0 },
    peakHeapMb: 0,
  };
  const t0 = performance.now();
  let from = 0;
  while (from < CASES) from = await runWorker(target, from, tally);
  const s = (performance.now() - t0) / 1000;
  const typed = [...tally.typed.entries()].sort((a, b) => b[1] - a[1]);
  const typedCount = typed.reduce((n, [, c]) => n + c, 0);
  const line = (label: string, value: string | number) =>
    console.log(`${`${target} ${label}`.padEnd(26)} ${value}`);
  line('cases', `${CASES} (seed ${SEED}) in ${s.toFixed(1)} s, ${(CASES / s).toFixed(0)} cases/s`);
  line(target === 'decoder' ? 'decoded' : 'all entries read', tally.ok);
  line('typed errors', `${typedCount}: ${typed.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  line(
    'crashes',
    tally.crashes.length === 0
      ? 0
      : `${tally.crashes.length}, e.g. ${tally.crashes
          .slice(0, 3)
          .map((c) => `case ${c.i}: ${c.message}`)
          .join('; ')}`,
  );
  line(
    'hangs',
    tally.hangs.length === 0
      ? 0
      : `${tally.hangs.length} (cases ${tally.hangs.slice(0, 10).join(', ')}) over ${TIMEOUT_MS} ms`,
  );
  line('slowest case', `${tally.slowest.ms.toFixed(0)} ms (case ${tally.slowest.i})`);
  line('peak worker heap', `${tally.peakHeapMb.toFixed(0)} MB`);
  if (tally.crashes.length > 0 || tally.hangs.length > 0) failed = true;
}
clearInterval(sampler);
console.log(`${'peak RSS (process)'.padEnd(26)} ${peakRssMb.toFixed(0)} MB`);
process.exitCode = failed ? 1 : 0;
