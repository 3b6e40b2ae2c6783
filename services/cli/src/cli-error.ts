import { CodedError } from '@runcue/errors';
import type { IntervalsErrorCode } from '@runcue/ingest';
import type { MailErrorCode } from '@runcue/notifier';
import type { UseCaseErrorCode } from '@runcue/operations';

/** Codes only the command line gives: bad arguments, its database and its own checks. */
export const cliErrorCodes = [
  'USAGE',
  'CONFIG_INVALID',
  'INVALID_ARGUMENT',
  'NOTHING_TO_DO',
  'NOTHING_TO_CHANGE',
  'CONFIRMATION_REQUIRED',
  'FILE_NOT_FOUND',
  'FILE_IS_DIRECTORY',
  'TOKEN_NOT_FOUND',
  'OUTBOX_NOT_FAILED',
  'DB_UNAVAILABLE',
  'DB_IN_USE',
  'DOCTOR_FAILED',
] as const;

type CliErrorCode = (typeof cliErrorCodes)[number];

/** Every code that can reach the command line: the use cases', the adapters' and its own. */
export type CliReachableCode = UseCaseErrorCode | IntervalsErrorCode | MailErrorCode | CliErrorCode;

/**
 * A command's refusal. Commands throw `CliError` (or let a package's `CodedError` through);
 * `main.ts` prints `runcue: <CODE>: <message>` and exits with the code's entry in `exitCodes`.
 */
export class CliError extends CodedError<CliReachableCode> {}

/** 2: the input was bad (an argument, a file, the configuration, the state asked about). */
const BAD_INPUT = 2;
/** 1: runcue itself failed, or a service it relies on did (SMTP, intervals.icu, stored data). */
const RUNCUE_FAILED = 1;

type ExitCode = typeof BAD_INPUT | typeof RUNCUE_FAILED;

/**
 * The one place where error codes become exit codes. Typed to name every code that can reach the
 * command line, so a new code fails the typecheck until it is given an exit code here.
 */
export const exitCodes = {
  INTERNAL: RUNCUE_FAILED,
  // The command line's own.
  USAGE: BAD_INPUT,
  CONFIG_INVALID: BAD_INPUT,
  INVALID_ARGUMENT: BAD_INPUT,
  NOTHING_TO_DO: BAD_INPUT,
  NOTHING_TO_CHANGE: BAD_INPUT,
  CONFIRMATION_REQUIRED: BAD_INPUT,
  FILE_NOT_FOUND: BAD_INPUT,
  FILE_IS_DIRECTORY: BAD_INPUT,
  RUN_NOT_FOUND: BAD_INPUT,
  ATHLETE_REQUIRED: BAD_INPUT,
  SHOE_AMBIGUOUS: BAD_INPUT,
  SOURCE_NOT_FOUND: BAD_INPUT,
  SOURCE_AMBIGUOUS: BAD_INPUT,
  TOKEN_NOT_FOUND: BAD_INPUT,
  OUTBOX_NOT_FAILED: BAD_INPUT,
  NO_CADENCE: BAD_INPUT,
  NO_CADENCE_TARGET: BAD_INPUT,
  DB_UNAVAILABLE: BAD_INPUT,
  DB_IN_USE: BAD_INPUT,
  DOCTOR_FAILED: BAD_INPUT,
  // Decoding a FIT file, encoding a workout.
  FIT_EMPTY: BAD_INPUT,
  FIT_NOT_FIT: BAD_INPUT,
  FIT_TOO_LARGE: BAD_INPUT,
  FIT_TRUNCATED: BAD_INPUT,
  FIT_NOT_ACTIVITY: BAD_INPUT,
  FIT_NO_RECORDS: BAD_INPUT,
  FIT_CORRUPT: BAD_INPUT,
  WORKOUT_INVALID: BAD_INPUT,
  // Archives and the files in them.
  ARCHIVE_CORRUPT: BAD_INPUT,
  ARCHIVE_UNSAFE_PATH: BAD_INPUT,
  ARCHIVE_TOO_MANY_ENTRIES: BAD_INPUT,
  ARCHIVE_ENTRY_TOO_LARGE: BAD_INPUT,
  ARCHIVE_TOO_LARGE: BAD_INPUT,
  ARCHIVE_TOO_DEEP: BAD_INPUT,
  ARCHIVE_RATIO_EXCEEDED: BAD_INPUT,
  ARCHIVE_ENTRY_ENCRYPTED: BAD_INPUT,
  FILE_UNREADABLE: BAD_INPUT,
  // A file that would cost more to read than one activity may.
  BUDGET_TOO_MANY_RECORDS: BAD_INPUT,
  BUDGET_TOO_MANY_SAMPLES: BAD_INPUT,
  BUDGET_TOO_SLOW: BAD_INPUT,
  BUDGET_TOO_MUCH_MEMORY: BAD_INPUT,
  FILE_TOO_LARGE: BAD_INPUT,
  // The store's refusals; damaged stored data is runcue's failure.
  ATHLETE_NOT_FOUND: BAD_INPUT,
  ATHLETE_AMBIGUOUS: BAD_INPUT,
  INVALID_ATHLETE: BAD_INPUT,
  ATHLETE_EMAIL_TAKEN: BAD_INPUT,
  INVALID_TOKEN_SEED: BAD_INPUT,
  SOURCE_TAKEN: BAD_INPUT,
  SHOE_NOT_FOUND: BAD_INPUT,
  INVALID_PAIN_ENTRY: BAD_INPUT,
  SAMPLES_CORRUPT: RUNCUE_FAILED,
  RAW_FILE_CORRUPT: RUNCUE_FAILED,
  FILE_BYTES_MISSING: RUNCUE_FAILED,
  // Trends, coaching and reports.
  TRENDS_BAD_WEEK: BAD_INPUT,
  TRENDS_BAD_TIME_ZONE: BAD_INPUT,
  TRENDS_BAD_OPTION: BAD_INPUT,
  COACH_BAD_NOW: BAD_INPUT,
  COACH_BAD_PROFILE: BAD_INPUT,
  REPORT_NO_WEEKS: BAD_INPUT,
  REPORT_CHART_FAILED: RUNCUE_FAILED,
  // Mail: a recipient that no longer exists is the input; the rest is runcue or its SMTP server.
  MAIL_NO_RECIPIENT: BAD_INPUT,
  MAIL_SEND_FAILED: RUNCUE_FAILED,
  MAIL_WRITE_FAILED: RUNCUE_FAILED,
  MAIL_RENDER_FAILED: RUNCUE_FAILED,
  // intervals.icu: a key or athlete id the runner can fix, or a service that failed.
  INTERVALS_UNAUTHORIZED: BAD_INPUT,
  INTERVALS_NOT_FOUND: BAD_INPUT,
  INTERVALS_FILE_TOO_LARGE: BAD_INPUT,
  INTERVALS_RATE_LIMITED: RUNCUE_FAILED,
  INTERVALS_UNAVAILABLE: RUNCUE_FAILED,
  INTERVALS_BAD_RESPONSE: RUNCUE_FAILED,
  INTERVALS_HTTP_ERROR: RUNCUE_FAILED,
} as const satisfies Record<CliReachableCode, ExitCode>;

/** The exit code for a code; a code this table does not know (none can, typed) is runcue's failure. */
export function exitCodeFor(code: string): ExitCode {
  return Object.hasOwn(exitCodes, code) ? exitCodes[code as CliReachableCode] : RUNCUE_FAILED;
}
