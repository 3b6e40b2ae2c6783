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
