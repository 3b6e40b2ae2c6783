/**
 * Number formatting shared by every report: distances, paces and durations in the runner's units,
 * and one wording for a figure that could not be measured. Everything here is pure and total: a
 * null, NaN or infinite input gives `NOT_AVAILABLE`, never the string 'NaN'.
 */

import { METRES_PER_MILE, type Units } from '@runcue/analysis';

const FEET_PER_METRE = 3.28084;

/** What a report prints in place of a figure that the run did not allow us to measure. */
export const NOT_AVAILABLE = 'not available';

/** True for a number that can be printed (not null, not NaN, not ±Infinity). */
export function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Distance in metres as '10.00 km' or '6.21 mi'. */
export function formatDistance(metres: number | null, units: Units, digits = 2): string {
  if (!isFiniteNumber(metres)) return NOT_AVAILABLE;
  const value = units === 'km' ? metres / 1000 : metres / METRES_PER_MILE;
  return `${value.toFixed(digits)} ${units}`;
}

/** Duration in seconds as 'm:ss' under an hour and 'h:mm:ss' from an hour on. */
export function formatDuration(seconds: number | null): string {
  if (!isFiniteNumber(seconds)) return NOT_AVAILABLE;
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** Pace given in s/km, printed per km or per mile: '5:00 /km' or '8:03 /mi'. */
export function formatPace(secondsPerKm: number | null, units: Units): string {
  if (!isFiniteNumber(secondsPerKm) || secondsPerKm <= 0) return NOT_AVAILABLE;
  const perUnit = units === 'km' ? secondsPerKm : (secondsPerKm * METRES_PER_MILE) / 1000;
  return `${formatDuration(perUnit)} /${units}`;
}

/** A pace change in s/km as '+12 s/km' or '+19 s/mi' (positive = slower). */
export function formatPaceChange(secondsPerKm: number | null, units: Units): string {
  if (!isFiniteNumber(secondsPerKm)) return NOT_AVAILABLE;
  const perUnit = units === 'km' ? secondsPerKm : (secondsPerKm * METRES_PER_MILE) / 1000;
  const rounded = Math.round(perUnit);
  return `${rounded > 0 ? '+' : ''}${rounded} s/${units}`;
}

/** Elevation in metres, printed as metres for km users and feet for mile users. */
export function formatElevation(metres: number | null, units: Units): string {
  if (!isFiniteNumber(metres)) return NOT_AVAILABLE;
  return units === 'km' ? `${Math.round(metres)} m` : `${Math.round(metres * FEET_PER_METRE)} ft`;
}

/** A share 0..1 as a whole percentage: 0.234 → '23%'. */
export function formatShare(share: number | null): string {
  if (!isFiniteNumber(share)) return NOT_AVAILABLE;
  return `${Math.round(share * 100)}%`;
}

/** A percentage that is already ×100, with a sign: 4.23 → '+4.2%'. */
export function formatSignedPercent(percent: number | null, digits = 1): string {
  if (!isFiniteNumber(percent)) return NOT_AVAILABLE;
  const text = percent.toFixed(digits);
  return `${percent > 0 && Number(text) !== 0 ? '+' : ''}${text}%`;
}

/** A signed change with its unit: (-5.2, 'spm') → '-5.2 spm'. */
export function formatSigned(value: number | null, unit: string, digits = 1): string {
  if (!isFiniteNumber(value)) return NOT_AVAILABLE;
  const text = value.toFixed(digits);
  return `${value > 0 && Number(text) !== 0 ? '+' : ''}${text} ${unit}`;
}

/** A plain figure with its unit, rounded: (168.4, 'spm') → '168 spm'. */
export function formatValue(value: number | null, unit: string, digits = 0): string {
  if (!isFiniteNumber(value)) return NOT_AVAILABLE;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Distance along the run for a point, in the runner's units with one decimal: '7.4 km'. */
export function formatAlong(metres: number | null, units: Units): string {
  return formatDistance(metres, units, 1);
}

/**
 * The activity's local start as 'Sun 22 Nov 2026, 07:15'. Uses the device's local offset when
 * the file gave one and UTC otherwise (then says so), so the result never depends on the machine.
 */
export function formatStart(startTimeIso: string, localOffsetS: number | null): string {
  const ms = Date.parse(startTimeIso);
  if (!Number.isFinite(ms)) return NOT_AVAILABLE;
  const d = new Date(ms + (localOffsetS ?? 0) * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const text = `${days[d.getUTCDay()] ?? ''} ${d.getUTCDate()} ${months[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}, ${hh}:${mm}`;
  return localOffsetS === null ? `${text} UTC` : text;
}
