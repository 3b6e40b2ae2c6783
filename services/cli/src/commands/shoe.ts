import { InvalidArgumentError } from 'commander';
import { METRES_PER_MILE, metresPer, type Units } from '@runcue/analysis';
import { addShoe, listShoes, retireShoe, setDefaultShoe, type Db, type Shoe } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { athleteFor } from '@runcue/operations';
import type { RegisterCommand } from './register.ts';

/** Worn shoes pass more impact on: replace every 300-500 miles (003); warn from 300 by default. */
const DEFAULT_WARN_M = 300 * METRES_PER_MILE;

/** A distance as typed: a number in the runner's units, or with its unit, e.g. 480km or 300mi. */
interface TypedDistance {
  value: number;
  unit: Units | null;
}

function parseDistance(value: string): TypedDistance {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km|mi)?\s*$/i.exec(value);
  const n = Number(m?.[1]);
  if (!m || !Number.isFinite(n) || n > 8000)
    throw new InvalidArgumentError(
      'expected a distance from 0 to 8000, in your units or with one: 480km, 300mi',
    );
  return { value: n, unit: (m[2]?.toLowerCase() as Units | undefined) ?? null };
}

function parseAmount(unit: Units) {
  return (value: string): TypedDistance => {
    const n = Number(value);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !Number.isFinite(n) || n > 8000)
      throw new InvalidArgumentError(
        `expected a number of ${unit === 'mi' ? 'miles' : 'kilometres'} from 0 to 8000`,
      );
    return { value: n, unit };
  };
}

/** Metres of a typed distance; a bare number is in the runner's units. */
function metresOf(d: TypedDistance, units: Units): number {
  return d.value * metresPer(d.unit ?? units);
}

/** One line per shoe: name, distance so far in the runner's units (the other in brackets), warning, state. */
export function formatShoe(s: Shoe, units: Units): string {
  const other: Units = units === 'mi' ? 'km' : 'mi';
  const inUnits = (m: number, u: Units) => `${(m / metresPer(u)).toFixed(1)} ${u}`;
  const state = s.retiredAt ? 'retired' : s.isDefault ? 'default' : 'active';
  const warn =
    !s.retiredAt && s.totalDistanceM >= s.warnAtM
      ? `  over ${Math.round(s.warnAtM / metresPer(units))} ${units}: time to think about a new pair`
      : '';
  return `${s.id}  ${s.name}  ${inUnits(s.totalDistanceM, units)} (${inUnits(s.totalDistanceM, other)})  ${state}${warn}`;
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
    .option('--miles <miles>', 'distance already on the shoe, in miles', parseAmount('mi'))
    .option('--km <km>', 'distance already on the shoe, in kilometres', parseAmount('km'))
    .option(
      '--warn-at <distance>',
      'warn from this distance, in your units or with one: 480km, 300mi (default 300mi)',
      parseDistance,
    )
    .option('--no-default', 'keep counting runs against the current default')
    .action(
      async (
        name: string,
        opts: {
          athlete?: string;
          miles?: TypedDistance;
          km?: TypedDistance;
          warnAt?: TypedDistance;
          default: boolean;
        },
      ) => {
        if (opts.miles && opts.km) throw new CliError('INVALID_ARGUMENT', 'give --miles or --km, not both');
        const { db, athlete } = await withDb(opts.athlete);
        const warnAtM = opts.warnAt ? metresOf(opts.warnAt, athlete.units) : DEFAULT_WARN_M;
        if (warnAtM <= 0) throw new CliError('INVALID_ARGUMENT', '--warn-at must be more than 0');
        const start = opts.miles ?? opts.km;
        const s = await addShoe(db, athlete.id, {
          name,
          startedAt: ctx.now(),
          startDistanceM: start ? metresOf(start, athlete.units) : 0,
          warnAtM,
          makeDefault: opts.default,
        });
        ctx.stdout(`added ${formatShoe(s, athlete.units)}\n`);
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
      ctx.stdout(`retired ${formatShoe(s, athlete.units)}\n`);
    });

  shoe
    .command('default')
    .description('count new runs against this shoe')
    .argument('<shoe>', 'id or name')
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, athlete } = await withDb(opts.athlete);
      const s = await setDefaultShoe(db, athlete.id, (await shoeFor(db, athlete.id, ref)).id);
      ctx.stdout(`new runs count against ${formatShoe(s, athlete.units)}\n`);
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
      for (const s of shoes) ctx.stdout(`${formatShoe(s, athlete.units)}\n`);
    });
};
