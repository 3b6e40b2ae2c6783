/**
 * The distance unit a runner reads and types: kilometres or miles. One word for the whole
 * pipeline — the stored athlete setting, the CLI's `--units`, the coach's sentences and every
 * report use these two values.
 */
export const UNITS = ['km', 'mi'] as const;
export type Units = (typeof UNITS)[number];

export const METRES_PER_MILE = 1609.344;

/** Metres in one of `units`: 1000 or 1609.344. */
export function metresPer(units: Units): number {
  return units === 'mi' ? METRES_PER_MILE : 1000;
}

/** True for 'km' or 'mi'. */
export function isUnits(value: unknown): value is Units {
  return value === 'km' || value === 'mi';
}
