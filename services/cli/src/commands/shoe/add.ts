import { METRES_PER_MILE } from '@runcue/analysis';
import { addShoe } from '@runcue/store';
import { CliError } from '../../cli-error.ts';
import type { RegisterCommand } from '../register.ts';
import * as o from './shoe-options.ts';

/** Worn shoes pass more impact on: replace every 300-500 miles (003); warn from 300 by default. */
const DEFAULT_WARN_M = 300 * METRES_PER_MILE;

interface AddOptions {
  athlete?: string;
  miles?: o.TypedDistance;
  km?: o.TypedDistance;
  warnAt?: o.TypedDistance;
  default: boolean;
}

/** `runcue shoe add <name>`: a pair, the default unless --no-default. */
export const registerShoeAdd: RegisterCommand = (shoe, ctx) => {
  shoe
    .command('add')
    .description('add a pair; it becomes the default unless --no-default')
    .argument('<name>', 'e.g. "Pegasus 41 blue"')
    .option(...o.ATHLETE_OPTION)
    .option('--miles <miles>', 'distance already on the shoe, in miles', o.parseAmount('mi'))
    .option('--km <km>', 'distance already on the shoe, in kilometres', o.parseAmount('km'))
    .option(
      '--warn-at <distance>',
      'warn from this distance, in your units or with one: 480km, 300mi (default 300mi)',
      o.parseDistance,
    )
    .option('--no-default', 'keep counting runs against the current default')
    .action(async (name: string, opts: AddOptions) => {
      if (opts.miles && opts.km) throw new CliError('INVALID_ARGUMENT', 'give --miles or --km, not both');
      const { db, athlete } = await o.openForAthlete(ctx, opts.athlete);
      const warnAtM = opts.warnAt ? o.metresOf(opts.warnAt, athlete.units) : DEFAULT_WARN_M;
      if (warnAtM <= 0) throw new CliError('INVALID_ARGUMENT', '--warn-at must be more than 0');
      const start = opts.miles ?? opts.km;
      const s = await addShoe(db, athlete.id, {
        name,
        startedAt: ctx.now(),
        startDistanceM: start ? o.metresOf(start, athlete.units) : 0,
        warnAtM,
        makeDefault: opts.default,
      });
      ctx.stdout(`added ${o.formatShoe(s, athlete.units)}\n`);
    });
};
