import net from 'node:net';
import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** How long a connection opened ahead waits for its message before it is closed. */
const UNUSED_MS = 30_000;

/** What nodemailer's `getSocket` hands a transport: a connected socket, or false to connect itself. */
type SocketOptions = { connection: net.Socket; secured: boolean } | false;

export interface EarlyConnection {
  /** Opens a connection to the SMTP server now unless one is open or opening already. */
  open(): void;
  /** The connection opened ahead, for the next message's transport (`getSocket`), or false. */
  take(): SocketOptions;
  /** Closes a connection still waiting; safe to call more than once. */
  close(): void;
}

/**
 * One connection to the SMTP server opened before the message that will use it is ready, so that
 * connecting (TCP, and TLS for `smtps://`) and the server's greeting delay (many servers wait
 * before they greet, `smtp-server` 100 ms) pass while the message is rendered. nodemailer takes
 * it as a socket of its own (its `getSocket` hook) and does everything else, from reading the
 * greeting to QUIT, as on any connection. A connection nobody takes within 30 s is closed.
 *
 * Where nodemailer connects in a way this does not copy (a proxy, a local address, a socket of the
 * caller's), nothing is opened ahead and nodemailer connects as usual.
 */
export function createEarlyConnection(options: SMTPTransport.Options): EarlyConnection {
  // nodemailer's own reading of the options (default ports, 465 meaning TLS, the SNI name).
  const target = new SMTPConnection(options);
  const copiable =
    options.proxy === undefined &&
    options.localAddress === undefined &&
    options.socket === undefined &&
    options.connection === undefined;
  let waiting: {
    socket: net.Socket;
    greeting: Buffer[];
    hold: (chunk: Buffer) => void;
    timer: NodeJS.Timeout;
  } | null = null;

  const forget = (socket: net.Socket): void => {
    if (waiting?.socket !== socket) return;
    clearTimeout(waiting.timer);
    waiting = null;
  };

  return {
    open() {
      if (!copiable || (waiting !== null && !waiting.socket.destroyed)) return;
      let socket: net.Socket;
      try {
        socket = target.secureConnection
          ? tls.connect({
              ...options.tls,
              host: target.host,
              port: target.port,
              ...(target.servername ? { servername: target.servername } : {}),
            })
          : net.connect({ host: target.host, port: target.port });
      } catch {
        return; // options Node refuses: nodemailer connects, and says what is wrong, when it sends
      }
      // What the server says before the connection is taken (its greeting) is held and handed back
      // with it. Reading it also lets a connection the server closes meanwhile be seen as closed.
      const greeting: Buffer[] = [];
      const hold = (chunk: Buffer) => greeting.push(chunk);
      socket.on('data', hold);
      // A connection that fails before it is taken is simply not used; once taken, nodemailer's
      // own handlers report its errors, and this one keeps an error from going unheard meanwhile.
      socket.on('error', () => forget(socket));
      socket.once('close', () => forget(socket));
      const timer = setTimeout(() => {
        forget(socket);
        // Greeted: say goodbye; not yet: just close.
        if (greeting.length > 0) socket.end('QUIT\r\n');
        else socket.destroy();
      }, UNUSED_MS);
      timer.unref();
      waiting = { socket, greeting, hold, timer };
    },
    take() {
      const w = waiting;
      if (w === null) return false;
      forget(w.socket);
      // The server may have closed it since: nodemailer then connects as usual.
      if (w.socket.destroyed || w.socket.readableEnded) return false;
      w.socket.off('data', w.hold);
      // Paused until nodemailer listens (it resumes the socket), with the greeting put back.
      w.socket.pause();
      if (w.greeting.length > 0) w.socket.unshift(Buffer.concat(w.greeting));
      return { connection: w.socket, secured: target.secureConnection };
    },
    close() {
      const w = waiting;
      if (w === null) return;
      forget(w.socket);
      w.socket.destroy();
    },
  };
}
