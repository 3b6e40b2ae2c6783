import { InvalidArgumentError } from 'commander';
import { listOutbox, requeue, type OutboxRow, type OutboxStatus } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { parseLimit } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'withdrawn'];

function parseStatus(value: string): OutboxStatus {
  const s = STATUSES.find((x) => x === value);
  if (!s) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}`);
  return s;
}

/** One outbox row as a line: when, what, status, attempts, and the next try or the last error. */
export function formatOutboxRow(r: OutboxRow): string {
  const when = r.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  const next =
    r.status === 'pending' && r.attempts > 0
      ? `  next try ${r.nextAttemptAt.toISOString().slice(0, 16).replace('T', ' ')}`
      : '';
  const sent = r.sentAt ? `  sent ${r.sentAt.toISOString().slice(0, 16).replace('T', ' ')}` : '';
  const error = r.lastError ? `\n    last error: ${r.lastError}` : '';
  return `${r.id}  ${when}  ${r.kind} ${r.key}  ${r.status}  attempts ${r.attempts}${sent}${next}${error}`;
}

/** `runcue outbox [retry <id>]`: what is queued, sent and failing, and putting a failed one back. */
export const registerOutbox: RegisterCommand = (program, ctx) => {
  const outbox = program
    .command('outbox')
    .description('list queued and sent messages with their attempts and errors')
    .option('--status <status>', STATUSES.join('|'), parseStatus)
    .option('--limit <n>', 'how many (newest first)', parseLimit, 50)
    .action(async (opts: { status?: OutboxStatus; limit: number }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const rows = await listOutbox(db, { status: opts.status ?? null, limit: opts.limit });
      if (rows.length === 0) ctx.stdout('the outbox is empty\n');
      for (const r of rows) ctx.stdout(`${formatOutboxRow(r)}\n`);
    });

  outbox
    .command('retry')
    .description('queue a failed or withdrawn message again, due now (sent even if that email is turned off)')
    .argument('<id>', 'the outbox id')
    .action(async (id: string) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      if (!(await requeue(db, id, ctx.now())))
        throw new CliError(
          'OUTBOX_NOT_FAILED',
          `${id} is not a failed or withdrawn outbox message (see 'runcue outbox --status failed')`,
        );
      ctx.stdout(`${id} is queued again\n`);
    });
};
