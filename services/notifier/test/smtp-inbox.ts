/**
 * A real SMTP server for tests (the `smtp-server` package) that parses what it accepts with
 * `mailparser`. `hold` lets a test decide, per message, when (and whether) DATA is answered.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface Received {
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
  /** Resolves when `n` messages have been accepted. */
  waitForAccepted(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const waiters: Array<() => void> = [];
  const inbox: SmtpInbox = {
    url: '',
    accepted: [],
    arrived: [],
    decide: () => Promise.resolve(),
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
        void simpleParser(raw).then(async (mail) => {
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
