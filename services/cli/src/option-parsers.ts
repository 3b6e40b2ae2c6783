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
