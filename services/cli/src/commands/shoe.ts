import { InvalidArgumentError } from 'commander';
import { addShoe, listShoes, retireShoe, setDefaultShoe, type Db, type Shoe } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { athleteFor } from '@runcue/operations';
import type { RegisterCommand } from './register.ts';

const METRES_PER_MILE = 1609.344;
/** Worn shoes pass more impact on: replace every 300-500 miles (003); warn from 300 by default. */
const DEFAULT_WARN_MILES = 300;

function parseMiles(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 5000)
    throw new InvalidArgumentError('expected a number of miles from 0 to 5000');
  return n;
}

/** One line per shoe: name, miles and km so far, warning, default/retired. */
export function formatShoe(s: Shoe): string {
  const miles = s.totalDistanceM / METRES_PER_MILE;
  const state = s.retiredAt ? 'retired' : s.isDefault ? 'default' : 'active';
  const warn =
    !s.retiredAt && s.totalDistanceM >= s.warnAtM
      ? `  over ${Math.round(s.warnAtM / METRES_PER_MILE)} mi: time to think about a new pair`
      : '';
  return `${s.id}  ${s.name}  ${miles.toFixed(1)} mi (${(s.totalDistanceM / 1000).toFixed(1)} km)  ${state}${warn}`;
}

async function shoeFor(db: Db, athleteId: string, ref: string): Promise<Shoe> {
  const shoes = await listShoes(db, athleteId);
  const matches = shoes.filter((s) => s.id === ref || s.name.toLowerCase() === ref.trim().toLowerCase());
  const only = matches[0];
  if (matches.length === 1 && only) return only;
  if (matches.length === 0)
    throw new CliError('SHOE_NOT_FOUND', `no shoe is called or has the id "${ref}" (see 'runcue shoe list')`);
  throw new CliError('SHOE_AMBIGUOUS', `${matches.length} shoes are called "${ref}"; use the id`);
}

/** `runcue shoe add|retire|default|list`: the shoes runs are counted against. */
export const registerShoe: RegisterCommand = (program, ctx) => {
  const shoe = program
    .command('shoe')
    .description('track shoe mileage: new runs count against the default shoe');
  const withDb = async (athleteRef: string | undefined) => {
    const { db, close } = await openDb(ctx.config);
    ctx.onClose(close);
    return { db, athlete: await athleteFor(db, athleteRef) };
  };

  shoe
    .command('add')
    .description('add a pair; it becomes the default unless --no-default')
    .argument('<name>', 'e.g. "Pegasus 41 blue"')
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .option('--miles <miles>', 'distance already on the shoe', parseMiles, 0)
    .option('--warn-at <miles>', 'warn from this many miles', parseMiles, DEFAULT_WARN_MILES)
    .option('--no-default', 'keep counting runs against the current default')
    .action(
      async (name: string, opts: { athlete?: string; miles: number; warnAt: number; default: boolean }) => {
        const { db, athlete } = await withDb(opts.athlete);
        if (opts.warnAt <= 0) throw new CliError('INVALID_ARGUMENT', '--warn-at must be more than 0 miles');
        const s = await addShoe(db, athlete.id, {
          name,
          startedAt: ctx.now(),
          startDistanceM: opts.miles * METRES_PER_MILE,
          warnAtM: opts.warnAt * METRES_PER_MILE,
          makeDefault: opts.default,
        });
        ctx.stdout(`added ${formatShoe(s)}\n`);
      },
    );

  shoe
    .command('retire')
    .description('stop counting runs against a shoe')
    .argument('<shoe>', 'id or name')
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, athlete } = await withDb(opts.athlete);
      const s = await retireShoe(db, athlete.id, (await shoeFor(db, athlete.id, ref)).id, ctx.now());
      ctx.stdout(`retired ${formatShoe(s)}\n`);
    });

  shoe
    .command('default')
    .description('count new runs against this shoe')
    .argument('<shoe>', 'id or name')
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, athlete } = await withDb(opts.athlete);
      const s = await setDefaultShoe(db, athlete.id, (await shoeFor(db, athlete.id, ref)).id);
      ctx.stdout(`new runs count against ${formatShoe(s)}\n`);
    });

  shoe
    .command('list')
    .description("list the athlete's shoes with their mileage")
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .action(async (opts: { athlete?: string }) => {
      const { db, athlete } = await withDb(opts.athlete);
      const shoes = await listShoes(db, athlete.id);
      if (shoes.length === 0)
        ctx.stdout(`${athlete.name} has no shoes yet: add a pair with 'runcue shoe add <name>'\n`);
      for (const s of shoes) ctx.stdout(`${formatShoe(s)}\n`);
    });
};
