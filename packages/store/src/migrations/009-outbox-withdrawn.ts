import type { Migration } from '../migration.ts';

/**
 * An outbox row can be `withdrawn`: its message was queued, then the runner turned that kind of
 * email off (`runcue athlete set`, or an unsubscribe link) before it went out, so it is not sent.
 * Asking for it by name (`runcue summary … --send`, `runcue outbox retry`) queues it again.
 */
export const outboxWithdrawn: Migration = {
  version: 9,
  name: 'outbox-withdrawn',
  statements: [
    `ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`,
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
       CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'withdrawn'))`,
  ],
};
