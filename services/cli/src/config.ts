import path from 'node:path';
import { CodedError } from '@runcue/errors';
import { z } from 'zod';

/**
 * Everything runcue reads from the environment, parsed once at start-up. Nothing else in the
 * code base reads `process.env`; services get this frozen object (or parts of it) passed in.
 */
const WINDOW_MESSAGE = "must be a number of days from 0 to 3650, or 'all'";

const envSchema = z.object({
  RUNCUE_HOME: z.string().min(1).default('.runcue'),
  RUNCUE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  RUNCUE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  RUNCUE_MAIL_FROM: z.string().min(3).default('runcue <runcue@localhost>'),
  RUNCUE_HOST: z.string().min(1).default('127.0.0.1'),
  RUNCUE_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  RUNCUE_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  RUNCUE_PUBLIC_URL: z.string().url().optional(),
  RUNCUE_SUMMARY_WINDOW_DAYS: z
    .union(
      [z.literal('all'), z.coerce.number(WINDOW_MESSAGE).min(0, WINDOW_MESSAGE).max(3650, WINDOW_MESSAGE)],
      { error: WINDOW_MESSAGE },
    )
    .default(3),
  RUNCUE_INTERVALS_URL: z.string().url().default('https://intervals.icu'),
  RUNCUE_INTERVALS_POLL_SECONDS: z.coerce.number().min(1).max(86_400).default(600),
  RUNCUE_WATCH_ROOTS: z.string().min(1).optional(),
  RUNCUE_MOUNT_TABLE: z.string().min(1).default('/proc/self/mounts'),
});

export interface Config {
  /** Absolute path of runcue's own folder (embedded database, outbox .eml files). */
  readonly home: string;
  readonly databaseUrl: string | null;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly host: string;
  readonly port: number;
  readonly maxFileBytes: number;
  readonly publicUrl: string | null;
  /** Runs that started longer ago than this when they arrive are stored but not emailed (Infinity: all are). */
  readonly summaryWindowDays: number;
  /** Where intervals.icu is reached (its public site unless a test or proxy says otherwise). */
  readonly intervalsUrl: string;
  /** How often `runcue start` asks intervals.icu for new activities. */
  readonly intervalsPollSeconds: number;
  /**
   * Where to look for a connected watch instead of the usual places (folders separated by `:`,
   * `*` for one folder level), or null for the defaults.
   */
  readonly watchRoots: readonly string[] | null;
  /** The mount table read to find MTP mounts and decide which folders need polling. */
  readonly mountTable: string;
  /** Directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
}

export class ConfigError extends CodedError<'CONFIG_INVALID'> {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

/** Parses the environment into a frozen `Config`, or throws `ConfigError` naming the bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  return Object.freeze({
    home: path.resolve(cwd, e.RUNCUE_HOME),
    databaseUrl: e.RUNCUE_DATABASE_URL ?? null,
    smtpUrl: e.RUNCUE_SMTP_URL ?? null,
    mailFrom: e.RUNCUE_MAIL_FROM,
    host: e.RUNCUE_HOST,
    port: e.RUNCUE_PORT,
    maxFileBytes: e.RUNCUE_MAX_FILE_BYTES,
    publicUrl: e.RUNCUE_PUBLIC_URL ?? null,
    summaryWindowDays:
      e.RUNCUE_SUMMARY_WINDOW_DAYS === 'all' ? Number.POSITIVE_INFINITY : e.RUNCUE_SUMMARY_WINDOW_DAYS,
    intervalsUrl: e.RUNCUE_INTERVALS_URL.replace(/\/+$/, ''),
    intervalsPollSeconds: e.RUNCUE_INTERVALS_POLL_SECONDS,
    watchRoots:
      e.RUNCUE_WATCH_ROOTS === undefined
        ? null
        : Object.freeze(
            e.RUNCUE_WATCH_ROOTS.split(':')
              .filter((r) => r !== '')
              .map((r) => path.resolve(cwd, r)),
          ),
    mountTable: path.resolve(cwd, e.RUNCUE_MOUNT_TABLE),
    cwd,
  });
}
