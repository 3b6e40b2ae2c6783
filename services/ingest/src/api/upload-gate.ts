import type { ServerResponse } from 'node:http';

/**
 * First come, first served: at most `limit` uploads are read and processed at once, the others
 * wait, unread, in the order they arrived. Without it 200 uploads arriving together are all read
 * into memory at once and all progress together, so each waits behind every other and nearly all
 * are answered late; in arrival order the first are answered first, and the bodies held at once
 * are bounded. An upload leaves the gate when its response closes (sent, or its client gone), and
 * one whose client leaves while it waits gives up its place.
 */
export interface UploadGate {
  /** Resolves when the upload behind `response` may proceed. */
  enter(response: ServerResponse): Promise<void>;
  /** Uploads in the gate and waiting, for tests. */
  readonly inside: number;
  readonly waiting: number;
}

export function createUploadGate(limit: number): UploadGate {
  if (!(limit >= 1)) throw new RangeError(`an upload gate needs a limit of 1 or more, got ${limit}`);
  let inside = 0;
  const queue: Array<() => void> = [];
  const admitNext = () => {
    while (inside < limit && queue.length > 0) queue.shift()?.();
  };
  return {
    enter(response) {
      return new Promise((resolve) => {
        if (response.closed) {
          resolve();
          return;
        }
        let state: 'waiting' | 'inside' | 'left' = 'waiting';
        const admit = () => {
          state = 'inside';
          inside++;
          resolve();
        };
        response.once('close', () => {
          if (state === 'inside') {
            inside--;
            admitNext();
          } else if (state === 'waiting') {
            const at = queue.indexOf(admit);
            if (at >= 0) queue.splice(at, 1);
            resolve(); // its request ends on the closed connection
          }
          state = 'left';
        });
        queue.push(admit);
        admitNext();
      });
    },
    get inside() {
      return inside;
    },
    get waiting() {
      return queue.length;
    },
  };
}
