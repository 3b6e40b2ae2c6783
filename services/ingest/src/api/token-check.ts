import { findAthletesByTokens } from '@runcue/store';
import type { Athlete, Db } from '@runcue/store';

/** Finds the athlete behind a bearer token, as `findAthleteByToken` does (null: unknown or revoked). */
export interface TokenCheck {
  athleteFor(token: string): Promise<Athlete | null>;
}

/** The most tokens one statement looks up; the rest wait for the next. */
const MAX_TOKENS_A_STATEMENT = 500;

/**
 * Checks tokens in batches: the tokens of requests that arrive while a lookup is running are looked
 * up together by the next statement (`findAthletesByTokens`) as soon as it ends, instead of one
 * statement a request (200 uploads arriving at once asked 200 times, and the uploads already let
 * in waited behind those statements for a database connection). A token is only ever answered by a
 * statement that started after its request arrived, so a token revoked before the request came is
 * refused as before; a request that arrives when none is running is looked up at once.
 */
export function createTokenCheck(db: Db, now: () => Date): TokenCheck {
  const waiting = new Map<string, Waiter[]>();
  let running = false;

  const lookUp = async (): Promise<void> => {
    running = true;
    try {
      while (waiting.size > 0) {
        const batch = new Map<string, Waiter[]>();
        for (const [token, waiters] of waiting) {
          if (batch.size === MAX_TOKENS_A_STATEMENT) break;
          batch.set(token, waiters);
          waiting.delete(token);
        }
        try {
          const found = await findAthletesByTokens(db, [...batch.keys()], now());
          for (const [token, waiters] of batch) for (const w of waiters) w.resolve(found.get(token) ?? null);
        } catch (error) {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    athleteFor(token) {
      return new Promise((resolve, reject) => {
        const waiters = waiting.get(token);
        if (waiters) waiters.push({ resolve, reject });
        else waiting.set(token, [{ resolve, reject }]);
        if (!running) void lookUp();
      });
    },
  };
}

/** A request waiting for its token's athlete. */
interface Waiter {
  resolve(athlete: Athlete | null): void;
  reject(reason: unknown): void;
}
