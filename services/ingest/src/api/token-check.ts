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
  // In arrival order: requests are answered in the order they came, so uploads queue for their
  // turn (`upload-gate.ts`) as they arrived, not grouped by token.
  const waiting: Waiter[] = [];
  let running = false;

  const lookUp = async (): Promise<void> => {
    running = true;
    try {
      while (waiting.length > 0) {
        const tokens = new Set<string>();
        let taken = 0;
        for (const w of waiting) {
          if (!tokens.has(w.token) && tokens.size === MAX_TOKENS_A_STATEMENT) break;
          tokens.add(w.token);
          taken++;
        }
        const batch = waiting.splice(0, taken);
        try {
          const found = await findAthletesByTokens(db, [...tokens], now());
          for (const w of batch) w.resolve(found.get(w.token) ?? null);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    athleteFor(token) {
      return new Promise((resolve, reject) => {
        waiting.push({ token, resolve, reject });
        if (!running) void lookUp();
      });
    },
  };
}

/** A request waiting for its token's athlete. */
interface Waiter {
  readonly token: string;
  resolve(athlete: Athlete | null): void;
  reject(reason: unknown): void;
}
