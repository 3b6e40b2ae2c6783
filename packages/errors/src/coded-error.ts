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

/** What `codedErrors` gives: a CodedError narrowed to `Codes`, which it also keeps, `as const`. */
export interface CodedErrorClass<Codes extends readonly string[]> {
  new (code: Codes[number], message: string, options?: { cause?: unknown }): CodedError<Codes[number]>;
  /** Every code of the package, in the order declared: for tests and documentation. */
  readonly codes: Codes;
}

/**
 * A package's codes and its error class in one declaration:
 * `export class StoreError extends codedErrors(['ATHLETE_NOT_FOUND', 'SOURCE_TAKEN']) {}`.
 * The class is named after the declaring one (`StoreError`), its codes are `StoreError.codes`,
 * and `CodeOf<typeof StoreError>` is their union, for the edges' exhaustive tables.
 */
export function codedErrors<const Codes extends readonly string[]>(codes: Codes): CodedErrorClass<Codes> {
  return class extends CodedError<Codes[number]> {
    static readonly codes = codes;
  };
}

/** The union of the codes of a class declared with `codedErrors`. */
export type CodeOf<E extends { readonly codes: readonly string[] }> = E['codes'][number];
