import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { DbGate } from './db-gate.ts';

export interface WireServer {
  /** Stops accepting, closes the open connections (rolling back what they left open) and waits for them. */
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]); // 'S', length 4

/**
 * Serves the PostgreSQL wire protocol for an open PGlite on a Unix socket, so that other runcue
 * processes can use the embedded database through `pg` while this one holds it. PGlite is one
 * backend with one session, so each connection takes the gate from its first message until the
 * backend reports it idle outside a transaction (ReadyForQuery 'I'): a transaction or an extended
 * query (Parse … Sync) from one client never interleaves with another client's statements or with
 * this process's own, which go through the same gate. A client that disconnects mid-transaction
 * is rolled back. No authentication: keep the socket in a folder only the owner can enter.
 */
export async function serveWireProtocol(
  pglite: PGlite,
  gate: DbGate,
  socketPath: string,
): Promise<WireServer> {
  const connections = new Set<Promise<void>>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const done = serveConnection(pglite, gate, socket).finally(() => {
      sockets.delete(socket);
      connections.delete(done);
    });
    connections.add(done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | null = null;
  return {
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.end();
        await Promise.all([...connections]);
        await closed;
      })();
      return closing;
    },
  };
}

/** Reads framed messages from one client, runs them on PGlite in gate turns, and cleans up after it. */
function serveConnection(pglite: PGlite, gate: DbGate, socket: Socket): Promise<void> {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  let release: (() => void) | null = null;
  let work: Promise<void> = Promise.resolve();
  const ready = new ReadyTracker();

  const execute = async (message: Buffer) => {
    release ??= await gate.acquire();
    await pglite.runExclusive(() =>
      pglite.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (data) => {
          ready.feed(data);
          if (socket.writable) socket.write(Buffer.from(data));
        },
      }),
    );
    if (ready.take() === 'I') {
      release();
      release = null;
    }
  };

  const handle = async (data: Buffer) => {
    buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) socket.write('N');
        else if (code === CANCEL_REQUEST)
          socket.end(); // PGlite has no backend to signal
        else {
          started = true;
          await execute(message);
        }
        continue;
      }
      if (buffer.length < 5) return;
      const total = 1 + buffer.readInt32BE(1);
      if (buffer.length < total) return;
      const message = buffer.subarray(0, total);
      buffer = buffer.subarray(total);
      if (message[0] === TERMINATE) {
        socket.end();
        return;
      }
      await execute(message);
    }
  };

  return new Promise<void>((resolve) => {
    socket.on('data', (data: Buffer) => {
      work = work
        .then(() => handle(data))
        .catch(() => {
          socket.destroy();
        });
    });
    socket.on('error', () => undefined); // 'close' follows and cleans up
    socket.on('close', () => {
      work = work
        .then(async () => {
          if (release === null) return;
          // The client left mid-query or mid-transaction: end the extended query, roll back.
          await pglite.runExclusive(() => pglite.execProtocolRaw(new Uint8Array(SYNC)));
          if (pglite.isInTransaction())
            await pglite.runExclusive(() => pglite.execProtocolRaw(simpleQuery('ROLLBACK')));
        })
        .catch(() => undefined)
        .finally(() => {
          release?.();
          release = null;
          resolve();
        });
    });
  });
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}

/**
 * Follows the backend's message framing across chunks and remembers the status byte of the last
 * ReadyForQuery: 'I' idle, 'T' in a transaction, 'E' in a failed transaction.
 */
class ReadyTracker {
  private header = Buffer.alloc(5);
  private headerLength = 0;
  private remaining = 0;
  private type = 0;
  private status: string | null = null;

  feed(data: Uint8Array): void {
    let i = 0;
    while (i < data.length) {
      if (this.remaining > 0) {
        if (this.type === READY_FOR_QUERY && this.remaining === 1)
          this.status = String.fromCharCode(data[i] ?? 0);
        const take = Math.min(this.remaining, data.length - i);
        i += take;
        this.remaining -= take;
        continue;
      }
      this.header[this.headerLength++] = data[i++] ?? 0;
      if (this.headerLength === 5) {
        this.type = this.header[0] ?? 0;
        this.remaining = this.header.readInt32BE(1) - 4;
        this.headerLength = 0;
      }
    }
  }

  /** The status seen since the last call, or null when no ReadyForQuery came. */
  take(): string | null {
    const status = this.status;
    this.status = null;
    return status;
  }
}
