/**
 * The one base class of runcue's errors: a stable `code` for programs (exit codes, HTTP statuses,
 * the `error_code` of a quarantined file) and a `message` for people. Each package declares its
 * codes `as const` and a subclass narrowed to them; the edges recognise an error by this class,
 * never by the shape of its code, and map the code through a table that must name every code.
 */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
