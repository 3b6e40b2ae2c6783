import type { IncomingMessage } from 'node:http';
import { errorCodes } from 'fastify';

/** Bodies from this size on are read into shared memory, which the ingest pool reads without a copy. */
const SHARED_FROM_BYTES = 1024 * 1024;

/**
 * Reads a raw upload body as it arrives into one buffer of its declared Content-Length, so a large
 * body is never copied whole in one go on the event loop (as joining its chunks at the end would),
 * and one of 1 MiB or more lands in a SharedArrayBuffer that the ingest pool's workers read in
 * place rather than receiving a copy. A body without a length (chunked) is joined at the end.
 * Refuses a body over `limit` (413), or one whose length differs from its Content-Length (400),
 * with Fastify's own errors, and then stops reading it without closing the connection (as
 * Fastify's own body reader does), so the client reads the answer.
 */
export function readRawBody(payload: IncomingMessage, limit: number): Promise<Uint8Array> {
  const header = payload.headers['content-length'];
  const declared = header === undefined ? NaN : Number(header);
  const sized = Number.isSafeInteger(declared) && declared >= 0;
  return new Promise((resolve, reject) => {
    if (declared > limit) {
      reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    const body = sized
      ? declared >= SHARED_FROM_BYTES
        ? new Uint8Array(new SharedArrayBuffer(declared))
        : new Uint8Array(declared)
      : null;
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onEnd);
    };
    function onData(chunk: Buffer): void {
      if (received + chunk.byteLength > (body ? declared : limit)) {
        stop();
        reject(
          body
            ? new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH()
            : new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(),
        );
        return;
      }
      if (body) body.set(chunk, received);
      else chunks.push(chunk);
      received += chunk.byteLength;
    }
    function onEnd(err?: Error & { statusCode?: number }): void {
      stop();
      if (err) {
        if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400;
        reject(err);
      } else if (body && received !== declared) {
        reject(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      } else if (body) {
        resolve(body);
      } else {
        const joined = new Uint8Array(received);
        let at = 0;
        for (const chunk of chunks) {
          joined.set(chunk, at);
          at += chunk.byteLength;
        }
        resolve(joined);
      }
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onEnd);
    payload.resume();
  });
}
