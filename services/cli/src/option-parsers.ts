import { InvalidArgumentError } from 'commander';

/**
 * Parsers for command-line option values, shared by several commands. Each throws commander's
 * InvalidArgumentError, which `runcue` reports as a USAGE error (exit 2) naming the option. They
 * live apart from the commands so that a command loads only its own module and this small one.
 */

/** Parses a step-rate threshold given on the command line. */
export function parseThreshold(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 100 || n > 230) {
    throw new InvalidArgumentError('expected steps per minute between 100 and 230');
  }
  return n;
}

/** Parses `--units`. */
export function parseUnits(value: string): 'km' | 'mi' {
  if (value !== 'km' && value !== 'mi') throw new InvalidArgumentError("expected 'km' or 'mi'");
  return value;
}

/** Parses `--limit`: a whole number of rows from 1 to 100000. */
export function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

/** Parses a name or label a person types: not empty, no control characters. */
export function parseText(value: string): string {
  const text = value.trim();
  if (text === '') throw new InvalidArgumentError('expected some text, not an empty string');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new InvalidArgumentError('expected text without control characters');
  return text;
}
