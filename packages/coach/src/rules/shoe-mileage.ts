import { METRES_PER_MILE, type Units } from '@runcue/analysis';
import type { ShoeStatus } from '../coach-input.ts';
import type { Finding } from '../finding.ts';
import { formatDistance } from '../format-units.ts';
import { SOURCES } from '../sources.ts';

/** The end of the usual 300-500 mile replacement range; past it the cue becomes advice. */
export const SHOE_REPLACE_M = 500 * METRES_PER_MILE;
export const SHOE_WARN_DEFAULT_M = 300 * METRES_PER_MILE;

/**
 * Shoe mileage: from the shoe's warning distance (default 300 miles), remind the runner that worn
 * midsoles pass more shock up to the back; past 500 miles, advise replacing them (003 replace every
 * 300-500 miles; 004 worn shoes send impact up the chain). An info cue, sent at most weekly.
 */
export function shoeMileage(shoe: ShoeStatus | null, units: Units): Finding | null {
  if (shoe === null || !(shoe.distanceM >= shoe.warnAtM)) return null;
  const past = shoe.distanceM >= SHOE_REPLACE_M;
  const total = formatDistance(shoe.distanceM, units);
  return {
    id: 'shoe-mileage',
    severity: past ? 'advice' : 'info',
    priority: past ? 40 : 30,
    kind: 'training',
    reason: `"${shoe.name}" has ${total} on it; shoes are usually replaced between 300 and 500 miles (${formatDistance(SHOE_WARN_DEFAULT_M, units)}-${formatDistance(SHOE_REPLACE_M, units)}).`,
    metrics: { shoe: shoe.name, distanceM: Math.round(shoe.distanceM), warnAtM: Math.round(shoe.warnAtM) },
    source: [SOURCES.rehab, SOURCES.causes],
    messages: [
      [
        `Your ${shoe.name} are getting worn (${total}). Start looking for a replacement pair.`,
        `Keep an eye on your ${shoe.name}: at ${total} their cushioning is fading even if the tread looks fine.`,
      ],
      [
        `Time to plan new shoes: the ${shoe.name} are at ${total}.`,
        `The ${shoe.name} have done ${total}. If your back aches more on runs in them, the midsole is a likely culprit.`,
      ],
      [
        `Replace the ${shoe.name} (${total}) and keep them for walking; tired foam sends more impact up to your back.`,
        `The ${shoe.name} are past their useful life at ${total}. A new pair often makes a difference straight away.`,
      ],
    ],
    recovery: [],
    quietDays: 7,
  };
}
