import { assertTimeZone } from './local-day.ts';

/** Further than this from the athlete's own zone, a file's local offset is a device fault (s). */
const MAX_ZONE_DISAGREEMENT_S = 86_400;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset from UTC (s) of `timeZone` at the instant `ms`. `timeZone` must be known to Intl. */
export function zoneOffsetS(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    assertTimeZone(timeZone);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
}

const hours = (s: number): string => {
  const h = Math.round((s / 3600) * 10) / 10;
  return `${h >= 0 ? '+' : '−'}${Math.abs(h)} h`;
};

/**
 * The local offset a run is shown in. The file's own offset when it is within a day of the
 * athlete's time zone at the run's start (a runner abroad keeps the day they ran on); when it is
 * further, the device's clock setting is wrong, and the run is shown in the athlete's zone with a
 * `repair` saying so, so that its date agrees with the week the trends count it in (which always
 * go by the athlete's zone). A file without an offset keeps none.
 */
export function trustedLocalOffset(
  startTimeIso: string,
  fileOffsetS: number | null,
  timeZone: string,
): { offsetS: number | null; repair: string | null } {
  const ms = Date.parse(startTimeIso);
  if (fileOffsetS === null || !Number.isFinite(ms)) return { offsetS: fileOffsetS, repair: null };
  const zone = zoneOffsetS(ms, timeZone);
  if (Math.abs(fileOffsetS - zone) <= MAX_ZONE_DISAGREEMENT_S) return { offsetS: fileOffsetS, repair: null };
  return {
    offsetS: zone,
    repair: `The file gives a local time ${hours(fileOffsetS)} from UTC, more than a day from your time zone (${timeZone}, ${hours(zone)}); the run is shown in your time zone, on the day you ran it.`,
  };
}
