/**
 * The decoded messages of a FIT file in the shape `@garmin/fitsdk` returns them: arrays keyed by
 * the profile's `messagesKey` (`recordMesgs`, `sessionMesgs`, ...), fields by camelCase profile
 * name, values scaled, enums as strings, date_time fields as `Date`, developer fields under
 * `developerFields` keyed by field description `key`. The own record reader produces the same shape.
 */
export type FitMessage = Record<string, unknown>;
export type FitMessages = Record<string, FitMessage[]>;

/** The messages of one key, or an empty list. */
export function mesgs(messages: FitMessages, key: string): FitMessage[] {
  return messages[key] ?? [];
}

/** A finite number from a field (first element for arrays), else null. */
export function num(m: FitMessage | undefined, key: string): number | null {
  const v = m?.[key];
  const x = Array.isArray(v) ? (v[0] as unknown) : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** A string from a field (enum names come out as strings), else null. */
export function str(m: FitMessage | undefined, key: string): string | null {
  const v = m?.[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A date_time field as milliseconds since the Unix epoch, else null. */
export function timeMs(m: FitMessage | undefined, key: string): number | null {
  const v = m?.[key];
  return v instanceof Date && Number.isFinite(v.getTime()) ? v.getTime() : null;
}

/** Appends every message list of `from` to `into`. */
export function appendMessages(into: FitMessages, from: FitMessages): void {
  for (const [key, list] of Object.entries(from)) {
    const target = into[key] ?? [];
    for (const m of list) target.push(m);
    into[key] = target;
  }
}
