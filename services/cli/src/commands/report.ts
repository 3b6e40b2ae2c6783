import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { analyseRun } from '@runcue/analysis';
import { decodeFit, FitError } from '@runcue/fit';
import { decodedActivityReport } from '@runcue/operations';
import { renderTerminalSummary } from '@runcue/report';
import { CliError } from '../cli-error.ts';
import { parseThreshold, parseUnits } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

/** `runcue report <file>`: decode and analyse one FIT file and print the post-run summary. */
export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description('analyse one FIT file and print the post-run summary')
    .argument('<file>', 'a .fit file from your watch')
    .option('--json', 'print one JSON object instead of the summary')
    .option('--threshold <spm>', 'cadence threshold in steps/min', parseThreshold, 170)
    .option('--units <units>', "'km' or 'mi'", parseUnits, 'km')
    .action(async (file: string, opts: { json?: boolean; threshold: number; units: 'km' | 'mi' }) => {
      const filePath = path.resolve(ctx.config.cwd, file);
      const bytes = await readFitFile(filePath, ctx.config.maxFileBytes);
      let activity;
      try {
        activity = decodeFit(bytes, { maxBytes: ctx.config.maxFileBytes });
      } catch (err) {
        if (err instanceof FitError) throw new CliError(err.code, `${file}: ${err.message}`, { cause: err });
        throw err;
      }
      const analysis = analyseRun(activity, { cadenceThresholdSpm: opts.threshold });
      if (opts.json) {
        ctx.stdout(`${JSON.stringify(decodedActivityReport(activity, analysis, opts.units), null, 2)}\n`);
      } else {
        ctx.stdout(
          renderTerminalSummary(activity, analysis, { units: opts.units, color: process.stdout.isTTY }),
        );
      }
    });
};

async function readFitFile(filePath: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(filePath);
    if (info.isDirectory())
      throw new CliError('FILE_IS_DIRECTORY', `${filePath} is a folder, not a FIT file`);
    size = info.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      'FILE_NOT_FOUND',
      `${filePath} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (size > maxBytes) {
    throw new CliError(
      'FIT_TOO_LARGE',
      `${filePath} is ${size} bytes; the limit is ${maxBytes} (RUNCUE_MAX_FILE_BYTES)`,
    );
  }
  return new Uint8Array(await readFile(filePath));
}
