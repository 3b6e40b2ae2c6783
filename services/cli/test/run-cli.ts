import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const runcueBin = fileURLToPath(new URL('../../../bin/runcue', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `runcue` command (`bin/runcue`, the JavaScript the test set-up builds) in a child
 * process and collects its output.
 */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd = repoRoot,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runcueBin, ...args], {
      cwd,
      env: { ...process.env, INIT_CWD: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export { repoRoot };
