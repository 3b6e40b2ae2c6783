import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/cli-context.ts';
import { commands } from '../src/commands/index.ts';
import { runCli } from './run-cli.ts';

/**
 * Every command and sub-command: its `--help` answers, an unknown flag is a USAGE error, and
 * every option that takes a value refuses a bad one with exit 2 and one line naming the option
 * (never a database error such as `invalid input syntax for type bigint`). The tree is read from
 * the real registrations, so a new command or option fails here until it has a case below.
 */

/** A bad value for each option that checks its value, by `<command path> <flag>`. */
const badValues: Record<string, { args: readonly string[]; bad: string }> = {
  'start --port': { args: [], bad: 'abc' },
  'report --threshold': { args: ['x.fit'], bad: '5' },
  'report --units': { args: ['x.fit'], bad: 'furlongs' },
  'athlete add --name': { args: ['--email', 'a@example.org'], bad: '' },
  'athlete add --email': { args: ['--name', 'A'], bad: 'not-an-address' },
  'athlete add --tz': { args: ['--name', 'A', '--email', 'a@example.org'], bad: 'Mars/Olympus' },
  'athlete add --threshold': { args: ['--name', 'A', '--email', 'a@example.org'], bad: 'fast' },
  'athlete set --name': { args: ['me'], bad: ' ' },
  'athlete set --email': { args: ['me'], bad: 'me at home' },
  'athlete set --tz': { args: ['me'], bad: 'Berlin' },
  'athlete set --threshold': { args: ['me'], bad: '400' },
  'athlete set --units': { args: ['me'], bad: 'leagues' },
  'athlete set --review-day': { args: ['me'], bad: 'someday' },
  'athlete set --review-time': { args: ['me'], bad: '25:00' },
  'athlete set --run-emails': { args: ['me'], bad: 'sometimes' },
  'athlete set --weekly-review': { args: ['me'], bad: 'maybe' },
  'athlete set --setting': { args: ['me'], bad: 'rampFlagPercent' },
  'athlete token --label': { args: ['me'], bad: '' },
  'files --limit': { args: [], bad: 'abc' },
  'outbox --status': { args: [], bad: 'lost' },
  'outbox --limit': { args: [], bad: '-1' },
  'pain --where': { args: ['3'], bad: 'knee' },
  'pain --flag': { args: ['3'], bad: 'tingling' },
  'shoe add --miles': { args: ['Pegasus'], bad: 'many' },
  'shoe add --km': { args: ['Pegasus'], bad: '12mi' },
  'shoe add --warn-at': { args: ['Pegasus'], bad: '-300' },
  'trends --week': { args: ['me'], bad: '2026-47' },
  'runs --since': { args: [], bad: 'yesterday' },
  'runs --limit': { args: [], bad: '0' },
  'source add-intervals --athlete-id': {
    args: ['me', '--api-key', 'abcdefabcdef1234', '--no-check'],
    bad: 'me!',
  },
  'source add-intervals --api-key': {
    args: ['me', '--athlete-id', 'i12345', '--no-check'],
    bad: 'not a key',
  },
  'source add-intervals --since': {
    args: ['me', '--athlete-id', 'i12345', '--api-key', 'abcdefabcdef1234', '--no-check'],
    bad: 'soon',
  },
};

/**
 * Options whose value is free text or a name looked up later (its error then comes from the
 * lookup, tested with the command): an athlete, shoe or run reference, a path, a note.
 */
const freeText = new Set([
  'start --watch',
  'start --athlete',
  'files --athlete',
  'pain --athlete',
  'pain --run',
  'pain --note',
  'shoe add --athlete',
  'shoe retire --athlete',
  'shoe default --athlete',
  'shoe list --athlete',
  'trends --preview',
  'runs --athlete',
  'source remove --athlete',
  'token list --athlete',
  'summary --athlete',
  'summary --preview',
  'workout cadence --out',
  'workout cadence --mount',
]);

interface Leaf {
  readonly path: string;
  readonly options: ReadonlyArray<{ flag: string; takesValue: boolean }>;
}

/** The command tree as the real modules register it. */
async function commandTree(): Promise<{ leaves: Leaf[]; descriptions: Map<string, string> }> {
  const program = new Command('runcue');
  const ctx = {} as CliContext; // registering reads nothing from the context; actions are not run
  for (const entry of commands) (await entry.load())(program, ctx);
  const leaves: Leaf[] = [];
  const descriptions = new Map<string, string>();
  const walk = (cmd: Command, prefix: string): void => {
    const name = prefix === '' ? cmd.name() : `${prefix} ${cmd.name()}`;
    if (prefix === '') descriptions.set(cmd.name(), cmd.description());
    if (cmd.commands.length === 0)
      leaves.push({
        path: name,
        options: cmd.options.map((o) => ({ flag: o.long ?? o.flags, takesValue: o.required || o.optional })),
      });
    for (const sub of cmd.commands) walk(sub, name);
  };
  for (const cmd of program.commands) walk(cmd, '');
  return { leaves, descriptions };
}

let home: string;
let tree: Awaited<ReturnType<typeof commandTree>>;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-flags-'));
  tree = await commandTree();
});

/** Runs at most `limit` of `jobs` at once (each one is a child process). */
async function pooled<T>(jobs: ReadonlyArray<() => Promise<T>>, limit = 4): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      if (job) results[i] = await job();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('every command and flag', () => {
  it('lists each command in --help with the description its module registers', async () => {
    const help = await runCli(['--help'], { RUNCUE_HOME: home });
    expect(help.code).toBe(0);
    for (const entry of commands) {
      expect(tree.descriptions.get(entry.name)).toBe(entry.description);
      expect(help.stdout).toContain(entry.name);
    }
  });

  it("answers every command's --help with its usage", async () => {
    const runs = await pooled(
      tree.leaves.map((leaf) => () => runCli([...leaf.path.split(' '), '--help'], { RUNCUE_HOME: home })),
    );
    tree.leaves.forEach((leaf, i) => {
      expect(runs[i]?.code, leaf.path).toBe(0);
      expect(runs[i]?.stdout, leaf.path).toContain(`Usage: runcue ${leaf.path}`);
    });
  });

  it('refuses an unknown flag on every command with exit 2 and one USAGE line', async () => {
    const runs = await pooled(
      tree.leaves.map(
        (leaf) => () => runCli([...leaf.path.split(' '), '--bogus-flag'], { RUNCUE_HOME: home }),
      ),
    );
    tree.leaves.forEach((leaf, i) => {
      expect(runs[i]?.code, leaf.path).toBe(2);
      // A missing required option is reported first where there is one.
      expect(runs[i]?.stderr, leaf.path).toMatch(
        /^runcue: USAGE: (unknown option '--bogus-flag'|required option '[^']+' not specified).*\n$/,
      );
    });
  });

  it('has a bad-value case, or a reason not to, for every option that takes a value', () => {
    const uncovered = tree.leaves.flatMap((leaf) =>
      leaf.options
        .filter((o) => o.takesValue)
        .map((o) => `${leaf.path} ${o.flag}`)
        .filter((key) => !(key in badValues) && !freeText.has(key)),
    );
    expect(uncovered).toEqual([]);
  });

  it('refuses a bad value of every checked option with exit 2, naming the option', async () => {
    const cases = Object.entries(badValues);
    const runs = await pooled(
      cases.map(([key, c]) => () => {
        const words = key.split(' ');
        const flag = words.pop() ?? '';
        return runCli([...words, ...c.args, flag, c.bad], { RUNCUE_HOME: home });
      }),
    );
    cases.forEach(([key], i) => {
      const flag = key.split(' ').pop() ?? '';
      expect(runs[i]?.code, key).toBe(2);
      // commander's USAGE line for a parser's refusal, or the command's own coded error naming the flag.
      expect(runs[i]?.stderr, key).toMatch(
        new RegExp(`^runcue: (USAGE: option '${flag}[^']*' argument .+|[A-Z_]+: ${flag} .+)\\n$`),
      );
    });
  });

  it('refuses a pain score that is not 0-10 as a USAGE error', async () => {
    const run = await runCli(['pain', 'abc'], { RUNCUE_HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^runcue: USAGE: command-argument value 'abc' is invalid for argument 'score'/,
    );
  });

  it('regression: files --limit abc is a USAGE error, not INTERNAL invalid input syntax for type bigint', async () => {
    const run = await runCli(['files', '--limit', 'abc'], { RUNCUE_HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "runcue: USAGE: option '--limit <n>' argument 'abc' is invalid. expected a whole number from 1 to 100000 (see 'runcue --help')\n",
    );
  });
});

describe('output into a closed pipe', () => {
  it('regression: runcue --help | head ends quietly, without an EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const bin = fileURLToPath(new URL('../../../bin/runcue', import.meta.url));
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy(); // the reader has gone before the first line
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
