import type { Migration } from '../migration.ts';

/**
 * Who claimed an outbox row and when its SMTP transaction began. A row claimed by a process that
 * died before it began transmitting goes back to the queue at once (it never reached the mail
 * server); one that died mid-transmission is reconciled by its Message-ID and otherwise resent.
 */
export const outboxTransmit: Migration = {
  version: 7,
  name: 'outbox-transmit',
  statements: [
    `ALTER TABLE outbox ADD COLUMN claimed_by text`,
    `ALTER TABLE outbox ADD COLUMN transmit_started_at timestamptz`,
  ],
};
