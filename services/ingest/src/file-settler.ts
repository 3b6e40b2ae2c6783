import { open, stat } from 'node:fs/promises';
import { declaredFitSize, isCompleteFitFile } from '@runcue/fit';
import { fileKind } from '@runcue/operations';

export interface FileSettlerOptions {
  /** How long a file's size and modification time must stay unchanged before it is read. */
  readonly stableMs: number;
  /** How often a file that is not complete yet is looked at again, ms. */
  readonly pollMs: number;
  /** A FIT file larger than this is never read to check it (it waits for stability instead). */
  readonly maxBytes: number;
  /** The file is ready to read; `event` is 'add' when it was new to the watcher. */
  readonly onSettled: (file: string, sizeBytes: number, event: 'add' | 'change') => void;
  readonly onError: (file: string, error: unknown) => void;
  /** A new version of the file was seen (its size or modification time changed since the last look). */
  readonly onSeen?: (file: string, sizeBytes: number) => void;
}

export interface FileSettler {
  /** The file appeared or changed (a watcher event). */
  touch(file: string, event: 'add' | 'change'): void;
  /** Stops every pending look; safe to call twice. */
  stop(): void;
}

interface Pending {
  event: 'add' | 'change';
  size: number;
  mtimeMs: number;
  stableSince: number;
  timer: NodeJS.Timeout | null;
  checking: boolean;
  dirty: boolean;
}

/**
 * Decides when a file in a watched folder can be read. A FIT file whose size is what its header
 * declares and whose CRC checks is finished (a watch writes both only when it closes the file),
 * so it is read at once: the email for a run copied in arrives within a second. Everything else
 * — a FIT file still being written over USB or never finalised, a zip, a .fit.gz — is read once
 * its size and modification time have not changed for `stableMs`. A file is settled once per
 * version: a later event for the same size and modification time (the tail of the write that
 * settled it) is ignored.
 */
export function createFileSettler(opts: FileSettlerOptions): FileSettler {
  const pending = new Map<string, Pending>();
  const settled = new Map<string, { size: number; mtimeMs: number }>();
  let stopped = false;

  const schedule = (file: string, p: Pending, ms: number): void => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => void check(file), ms);
  };

  const check = async (file: string): Promise<void> => {
    const p = pending.get(file);
    if (!p || stopped) return;
    p.timer = null;
    p.checking = true;
    p.dirty = false;
    try {
      const info = await stat(file).catch(() => null);
      if (stopped) return;
      if (info === null || !info.isFile()) {
        pending.delete(file); // gone (renamed away, deleted): nothing to read
        return;
      }
      const done = settled.get(file);
      if (done && done.size === info.size && done.mtimeMs === info.mtimeMs) {
        pending.delete(file);
        return;
      }
      const now = Date.now();
      if (info.size !== p.size || info.mtimeMs !== p.mtimeMs) {
        p.size = info.size;
        p.mtimeMs = info.mtimeMs;
        p.stableSince = now;
        opts.onSeen?.(file, info.size);
        if (fileKind(file) === 'fit' && (await isFinishedFit(file, info.size, opts.maxBytes))) {
          settle(file, p);
          return;
        }
      } else if (now - p.stableSince >= opts.stableMs) {
        settle(file, p);
        return;
      }
      schedule(
        file,
        p,
        p.dirty ? 0 : Math.min(opts.pollMs, Math.max(1, opts.stableMs - (now - p.stableSince))),
      );
    } catch (error) {
      pending.delete(file);
      opts.onError(file, error);
    } finally {
      p.checking = false;
    }
  };

  const settle = (file: string, p: Pending): void => {
    pending.delete(file);
    settled.set(file, { size: p.size, mtimeMs: p.mtimeMs });
    opts.onSettled(file, p.size, p.event);
  };

  return {
    touch(file, event) {
      if (stopped) return;
      const p = pending.get(file);
      if (p) {
        // A change while waiting: look again now (it may just have been finished).
        p.dirty = true;
        if (!p.checking) schedule(file, p, 0);
        return;
      }
      const fresh: Pending = {
        event,
        size: -1,
        mtimeMs: -1,
        stableSince: Date.now(),
        timer: null,
        checking: false,
        dirty: false,
      };
      pending.set(file, fresh);
      schedule(file, fresh, 0);
    },
    stop() {
      stopped = true;
      for (const p of pending.values()) if (p.timer) clearTimeout(p.timer);
      pending.clear();
    },
  };
}

/** Reads the header, and the whole file only when its size is what the header declares (or more: chained files). */
async function isFinishedFit(file: string, size: number, maxBytes: number): Promise<boolean> {
  if (size < 14 || size > maxBytes) return false;
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(14);
    await handle.read(head, 0, 14, 0);
    const declared = declaredFitSize(head);
    if (declared === null || size < declared) return false;
    const bytes = new Uint8Array(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytesRead === size && isCompleteFitFile(bytes);
  } finally {
    await handle.close();
  }
}
