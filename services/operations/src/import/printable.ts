/**
 * Control characters (C0 and C1, DEL), the Unicode line and paragraph separators and the bidi
 * overrides: what lets a file name end a log line early, start a fake one, or reorder what a
 * terminal shows.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every control character written as an escape (`\n`, `\r`, `\t`, else `\u001b`),
 * so that a name or message printed on one line stays one line: a newline in a file name cannot
 * write a fake line into the log or a listing. Text without control characters is returned as is.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether the text holds a character `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}
