/**
 * How fast `runcue` answers, for the built command (`bin/runcue`) against the TypeScript path
 * (`pnpm exec tsx services/cli/src/main.ts`, what `pnpm runcue` ran before the build), in one
 * run on the same machine. Optionally a third path: `--before <checkout>` runs
 * `npx -y pnpm@10 -s runcue` in another checkout (e.g. a worktree of an older commit).
 *
 * For each path it measures, each `--reps` times (median printed):
 * - `runcue --help`;
 * - `runcue athlete list` on the embedded default (a home created beforehand, nothing running);
 * - `runcue start --port 0`: time to its first line and to its banner ("runcue is running"),
 *   then Ctrl-C as a terminal sends it (SIGINT to the whole process group): exit code, time to
 *   exit and whether a package manager printed an error (ELIFECYCLE).
 * Wall time and CPU time (user + system of the child processes) are printed: on a busy shared
 * machine wall time says how long a person waits, CPU time what the command itself costs.
 *
 *   npx tsx scripts/bench-cli.ts [--reps 3] [--before ../older-checkout]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: { reps: { type: 'string', default: '3' }, before: { type: 'string' } },
});
const reps = Number.parseInt(values.reps, 10);
if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps expects a whole number of at least 1');

interface Path {
  readonly label: string;
  readonly cwd: string;
  readonly command: readonly string[];
}

const paths: Path[] = [
  {
    label: 'tsx (pnpm exec tsx src/main.ts)',
    cwd: root,
    command: ['npx', '-y', 'pnpm@10', '-s', 'exec', 'tsx', 'services/cli/src/main.ts'],
  },
  { label: 'built (bin/runcue)', cwd: root, command: [path.join(root, 'bin/runcue')] },
];
if (values.before !== undefined)
  paths.unshift({
    label: `before (pnpm runcue in ${values.before})`,
    cwd: path.resolve(values.before),
    command: ['npx', '-y', 'pnpm@10', '-s', 'runcue'],
  });

/** CPU seconds (user + system) of this process's waited-for children so far, from /proc. */
async function childrenCpuS(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the name start at field 3 (state); cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timed {
  wallS: number;
  cpuS: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

async function run(p: Path, args: readonly string[], home: string): Promise<Timed> {
  const cpuBefore = await childrenCpuS();
  const started = performance.now();
  const [cmd = '', ...rest] = p.command;
  const child = spawn(cmd, [...rest, ...args], {
    cwd: p.cwd,
    env: { ...process.env, RUNCUE_HOME: home, INIT_CWD: p.cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    wallS: (performance.now() - started) / 1000,
    cpuS: (await childrenCpuS()) - cpuBefore,
    code,
    stdout,
    stderr,
  };
}

interface StartRun {
  firstLineS: number;
  bannerS: number;
  exitS: number;
  code: number | null;
  cpuS: number;
  packageManagerError: boolean;
}

/** `runcue start`, then Ctrl-C once its banner is out, as a terminal delivers it: to the process group. */
async function runStart(p: Path, home: string): Promise<StartRun> {
  const cpuBefore = await childrenCpuS();
  const started = performance.now();
  const [cmd = '', ...rest] = p.command;
  const child = spawn(cmd, [...rest, 'start', '--port', '0'], {
    cwd: p.cwd,
    env: { ...process.env, RUNCUE_HOME: home, INIT_CWD: p.cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let firstLineS = Number.NaN;
  let bannerS = Number.NaN;
  let sentAt = Number.NaN;
  const onData = (d: Buffer): void => {
    output += d.toString();
    const now = (performance.now() - started) / 1000;
    if (Number.isNaN(firstLineS) && output.includes('\n')) firstLineS = now;
    if (Number.isNaN(bannerS) && output.includes('runcue is running')) {
      bannerS = now;
      sentAt = performance.now();
      process.kill(-(child.pid ?? 0), 'SIGINT');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    firstLineS,
    bannerS,
    exitS: (performance.now() - sentAt) / 1000,
    code,
    cpuS: (await childrenCpuS()) - cpuBefore,
    packageManagerError: /ELIFECYCLE|ERR_PNPM|Command failed/.test(output),
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};
const fmt = (s: number): string => `${s.toFixed(2)} s`;

interface Figures {
  readonly label: string;
  readonly help: { wall: number; cpu: number };
  readonly list: { wall: number; cpu: number };
  readonly firstLine: number;
  readonly banner: number;
  readonly startCpu: number;
  readonly stopS: number;
  readonly exitCodes: string;
  readonly clean: string;
}

const figures: Figures[] = [];
const homes: string[] = [];
try {
  for (const p of paths) {
    const home = await mkdtemp(path.join(tmpdir(), 'runcue-bench-cli-'));
    homes.push(home);
    // A home with its database and one athlete, so the timed runs open an existing database.
    const setup = await run(
      p,
      ['athlete', 'add', '--name', 'Bench', '--email', 'bench@example.org', '--tz', 'UTC'],
      home,
    );
    if (setup.code !== 0) throw new Error(`${p.label}: athlete add failed: ${setup.stderr}`);
    const help: Timed[] = [];
    const list: Timed[] = [];
    const starts: StartRun[] = [];
    for (let i = 0; i < reps; i++) {
      help.push(await run(p, ['--help'], home));
      const l = await run(p, ['athlete', 'list'], home);
      if (l.code !== 0 || !l.stdout.includes('Bench'))
        throw new Error(`${p.label}: athlete list failed: ${l.stderr}`);
      list.push(l);
      starts.push(await runStart(p, home));
    }
    figures.push({
      label: p.label,
      help: { wall: median(help.map((r) => r.wallS)), cpu: median(help.map((r) => r.cpuS)) },
      list: { wall: median(list.map((r) => r.wallS)), cpu: median(list.map((r) => r.cpuS)) },
      firstLine: median(starts.map((s) => s.firstLineS)),
      banner: median(starts.map((s) => s.bannerS)),
      startCpu: median(starts.map((s) => s.cpuS)),
      stopS: median(starts.map((s) => s.exitS)),
      exitCodes: starts.map((s) => String(s.code)).join(','),
      clean: `${starts.filter((s) => s.code === 0 && !s.packageManagerError).length}/${starts.length}`,
    });
  }
} finally {
  for (const home of homes) await rm(home, { recursive: true, force: true });
}

const baseline = figures.find((f) => f.label.startsWith('tsx'));
const built = figures.find((f) => f.label.startsWith('built'));
const ratio = (pick: (f: Figures) => number): string =>
  baseline && built ? `${(pick(built) / pick(baseline)).toFixed(2)}x` : '';
const table: string[][] = [
  ['', ...figures.map((f) => f.label), 'built / tsx'],
  ['--help wall', ...figures.map((f) => fmt(f.help.wall)), ratio((f) => f.help.wall)],
  ['--help cpu', ...figures.map((f) => fmt(f.help.cpu)), ratio((f) => f.help.cpu)],
  ['athlete list wall', ...figures.map((f) => fmt(f.list.wall)), ratio((f) => f.list.wall)],
  ['athlete list cpu', ...figures.map((f) => fmt(f.list.cpu)), ratio((f) => f.list.cpu)],
  ['start: first line', ...figures.map((f) => fmt(f.firstLine)), ratio((f) => f.firstLine)],
  ['start: banner', ...figures.map((f) => fmt(f.banner)), ratio((f) => f.banner)],
  ['start: cpu to banner and stop', ...figures.map((f) => fmt(f.startCpu)), ratio((f) => f.startCpu)],
  ['Ctrl-C: stopped in', ...figures.map((f) => fmt(f.stopS)), ''],
  ['Ctrl-C: exit codes', ...figures.map((f) => f.exitCodes), ''],
  ['Ctrl-C: clean (0, no ELIFECYCLE)', ...figures.map((f) => f.clean), ''],
];
const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => r[i]?.length ?? 0))) ?? [];
process.stdout.write(
  `runcue CLI, median of ${reps} runs each (wall: what a person waits; cpu: user + system of the processes)\n`,
);
for (const r of table)
  process.stdout.write(
    `${r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`,
  );
