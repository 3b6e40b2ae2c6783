import { InvalidArgumentError } from 'commander';
import { metresPer, type Units } from '@runcue/analysis';
import { athleteFor } from '@runcue/operations';
import type { Shoe } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { openDb } from '../../open-db.ts';

/** A distance as typed: a number in the runner's units, or with its unit, e.g. 480km or 300mi. */
export interface TypedDistance {
  value: number;
  unit: Units | null;
}

export function parseDistance(value: string): TypedDistance {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km|mi)?\s*$/i.exec(value);
  const n = Number(m?.[1]);
  if (!m || !Number.isFinite(n) || n > 8000)
    throw new InvalidArgumentError(
      'expected a distance from 0 to 8000, in your units or with one: 480km, 300mi',
    );
  return { value: n, unit: (m[2]?.toLowerCase() as Units | undefined) ?? null };
}

export function parseAmount(unit: Units) {
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
export function metresOf(d: TypedDistance, units: Units): number {
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

/** The database and the athlete a shoe command is for (named, or the only one). */
export async function openForAthlete(ctx: CliContext, athleteRef: string | undefined) {
  const { db, close } = await openDb(ctx.config);
  ctx.onClose(close);
  return { db, athlete: await athleteFor(db, athleteRef) };
}

export const ATHLETE_OPTION = [
  '--athlete <athlete>',
  'id, email or name (default: the only athlete)',
] as const;
