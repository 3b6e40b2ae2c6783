import { EventEmitter, once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAthlete, enqueue, listOutbox } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { createMailer, createNotifier, type Mailer, type NotifierLogger } from '../src/index.ts';

/**
 * A real SMTP server on loopback that says which connection (session) each message came over and
 * emits 'connect' as each connection is greeted.
 */
async function startServer() {
  const events = new EventEmitter();
  const connections: string[] = [];
  const messages: Array<{ session: string; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(session, callback) {
      connections.push(session.id);
      callback();
      events.emit('connect', session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ session: session.id, raw: Buffer.concat(chunks).toString() });
        callback(null, 'queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    events,
    connections,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mail = {
  id: 'row-1',
  messageId: '<outbox-row-1@runcue>',
  to: 'ada@example.org',
  subject: 'Your run',
  text: 'Well run.',
  html: '<p>Well run.</p>',
  images: [],
};

describe('a connection opened ahead (Mailer.prepare)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let mailer: Mailer;
  beforeEach(async () => {
    server = await startServer();
    mailer = createMailer({ smtpUrl: server.url, home: '.', mailFrom: 'runcue <runcue@localhost>' });
  });
  afterEach(async () => {
    mailer.close();
    await server.close();
  });

  it('carries the next message, greeting and all: one connection, however often it was asked for', async () => {
    const connected = once(server.events, 'connect');
    await mailer.prepare();
    await mailer.prepare();
    await connected;
    await mailer.prepare();
    const delivery = await mailer.send(mail);
    expect(delivery).toMatchObject({ via: 'smtp', messageId: mail.messageId });
    expect(server.connections).toHaveLength(1);
    expect(server.messages.map((m) => m.session)).toEqual(server.connections);
    expect(server.messages[0]?.raw).toContain('Message-ID: <outbox-row-1@runcue>');
  });

  it('is used once: the message after it gets a connection of its own', async () => {
    await mailer.prepare();
    await mailer.send(mail);
    await mailer.send({ ...mail, id: 'row-2', messageId: '<outbox-row-2@runcue>' });
    expect(server.connections).toHaveLength(2);
    expect(new Set(server.messages.map((m) => m.session)).size).toBe(2);
  });
});

const logger: NotifierLogger = { info: () => undefined, error: () => undefined };

describe.each(backends)('the notifier on $name', (backend) => {
  const t = useTestDb(backend);

  it('connects to the mail server before it renders the message, and sends it over that connection', async () => {
    const server = await startServer();
    const mailer = createMailer({ smtpUrl: server.url, home: '.', mailFrom: 'runcue <runcue@localhost>' });
    const now = new Date('2026-11-23T07:00:00Z');
    try {
      const athlete = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now);
      await enqueue(t.db, { athleteId: athlete.id, kind: 'run-summary', key: 'a1', payload: {}, now });
      const notifier = createNotifier({
        db: t.db,
        mailer,
        // Finishes only once the server has a connection: a notifier that connected after rendering
        // would wait here for ever.
        render: async () => {
          if (server.connections.length === 0) await once(server.events, 'connect');
          return {
            to: athlete.email,
            subject: 'Your run',
            text: 'Well run.',
            html: '<p>Well run.</p>',
            images: [],
          };
        },
        schedules: () => Promise.resolve([]),
        clock: () => now,
        logger,
      });
      const [result] = await notifier.runOnce();
      expect(result).toMatchObject({ ok: true });
      expect(server.connections).toHaveLength(1);
      expect(server.messages.map((m) => m.session)).toEqual(server.connections);
      expect((await listOutbox(t.db)).map((r) => r.status)).toEqual(['sent']);
    } finally {
      mailer.close();
      await server.close();
    }
  });
});
