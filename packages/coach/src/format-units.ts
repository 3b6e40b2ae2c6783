import { METRES_PER_MILE, type Units } from '@runcue/analysis';

/** Formatting of figures inside coaching sentences, in the athlete's units. */

/** "12.3 km" or "7.6 mi". */
export function formatDistance(m: number, units: Units): string {
  return units === 'mi' ? `${(m / METRES_PER_MILE).toFixed(1)} mi` : `${(m / 1000).toFixed(1)} km`;
}

/** "km" or "mile": the lap unit for cues given "every ...". */
export function lapUnit(units: Units): string {
  return units === 'mi' ? 'mile' : 'km';
}

/** One decimal, trailing ".0" dropped: 4 → "4", 4.25 → "4.3". */
export function formatNumber(value: number, digits = 1): string {
  return String(Number(value.toFixed(digits)));
}
