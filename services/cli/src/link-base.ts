import type { CliContext } from './cli-context.ts';

/**
 * Where the links in an email point: RUNCUE_PUBLIC_URL when set (runcue behind a proxy or on
 * another host), else the address `runcue start` listens on (RUNCUE_HOST and RUNCUE_PORT).
 */
export function linkBase(ctx: CliContext): string {
  if (ctx.config.publicUrl !== null) return ctx.config.publicUrl;
  const host = ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host;
  return `http://${host}:${ctx.config.port}`;
}
