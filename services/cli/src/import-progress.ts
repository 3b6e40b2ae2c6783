import type { CliContext } from './cli-context.ts';

/**
 * How far `runcue import` is, on stderr: a bar on a terminal, else a line at the start and one
 * every 100 files. `print` writes a line to stdout above the bar. The bar's library is loaded
 * only for a terminal (a script or a pipe shows lines).
 */
export async function importProgress(ctx: CliContext, athleteName: string) {
  const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        {
          format: ' {bar} {value}/{total} files  {name}',
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let done = 0;
  let total = 0;
  return {
    start(files: number): void {
      total = files;
      bar?.start(total, 0, { name: '' });
      if (!bar) ctx.stderr(`importing ${total} files for ${athleteName}\n`);
    },
    fileDone(name: string): void {
      done += 1;
      if (bar) bar.update(done, { name });
      else if (done % 100 === 0 && done < total) ctx.stderr(`${done}/${total} files\n`);
    },
    print(line: string): void {
      if (bar) ctx.stderr('\r\x1b[2K'); // clear the bar's line; it redraws on the next file
      ctx.stdout(line);
    },
    stop(): void {
      bar?.stop();
    },
  };
}
