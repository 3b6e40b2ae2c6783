/**
 * A real SMTP server for tests and scripts (the `smtp-server` package) on loopback that parses what
 * it accepts with `mailparser` (keeping `cid:` links, to check the HTML really references its
 * attachments as mail clients resolve them). `decide` lets a test choose, per message, when (and
 * whether) DATA is answered; `onAccepted` runs right after a message was answered 250.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  mail: ParsedMail;
  raw: Buffer;
  at: number;
}

export interface SmtpInbox {
  url: string;
  /** Messages the server accepted (answered 250), in order. */
  accepted: Received[];
  /** Messages whose DATA arrived, accepted or not. */
  arrived: Received[];
  /**
   * Called with each arriving message before it is answered; resolve to accept it, reject to refuse
   * it. Default: accept at once.
   */
  decide: (r: Received) => Promise<void>;
  /** Called after each message was accepted (answered 250). */
  onAccepted: (r: Received) => void;
  /** Resolves when `n` messages have been accepted. */
  waitForAccepted(n: number, timeoutMs?: number): Promise<Received[]>;
  /** Resolves with the `count`-th accepted message (default: the next one after the call). */
  next(count?: number, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const waiters: Array<() => void> = [];
  const inbox: SmtpInbox = {
    url: '',
    accepted: [],
    arrived: [],
    decide: () => Promise.resolve(),
    onAccepted: () => undefined,
    async next(count = inbox.accepted.length + 1, timeoutMs = 60_000) {
      const all = await inbox.waitForAccepted(count, timeoutMs);
      const got = all[count - 1];
      if (!got) throw new Error('message vanished');
      return got;
    },
    waitForAccepted(n, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`only ${inbox.accepted.length} of ${n} messages arrived within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
        const check = () => {
          if (inbox.accepted.length < n) return false;
          clearTimeout(timer);
          resolve(inbox.accepted);
          return true;
        };
        const wait = () => {
          if (!check()) waiters.push(wait);
        };
        wait();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw, { keepCidLinks: true }).then(async (mail) => {
          const r: Received = { mail, raw, at: Date.now() };
          inbox.arrived.push(r);
          try {
            await inbox.decide(r);
          } catch (err) {
            callback(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          inbox.accepted.push(r);
          callback(null, 'queued');
          inbox.onAccepted(r);
          for (const w of waiters.splice(0)) w();
        });
      });
    },
  });
  server.on('error', () => undefined); // a client killed mid-session resets the socket
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  inbox.url = `smtp://127.0.0.1:${port}`;
  return inbox;
}
