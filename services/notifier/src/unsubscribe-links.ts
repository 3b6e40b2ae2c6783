import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutboxKind } from '@runcue/store';

/**
 * Links that turn one kind of email off for one runner, signed so nobody can turn off someone
 * else's: `<base>/unsubscribe/<athlete id>/<kind>/<signature>`, the signature an HMAC-SHA256 of
 * the athlete and the kind under a secret kept in runcue's home. Every email carries its link in
 * the body and in `List-Unsubscribe` (with `List-Unsubscribe-Post` for one-click, RFC 8058).
 */
export interface UnsubscribeLinks {
  url(athleteId: string, kind: OutboxKind): string;
  /** True when `signature` is the one `url` puts in the link for this athlete and kind. */
  verify(athleteId: string, kind: string, signature: string): boolean;
}

const PREFIX = '/unsubscribe';

export function createUnsubscribeLinks(baseUrl: string, secret: Uint8Array): UnsubscribeLinks {
  const sign = (athleteId: string, kind: string) =>
    createHmac('sha256', secret).update(`unsubscribe\n${athleteId}\n${kind}`).digest('base64url');
  const base = baseUrl.replace(/\/+$/, '');
  return {
    url: (athleteId, kind) =>
      `${base}${PREFIX}/${encodeURIComponent(athleteId)}/${kind}/${sign(athleteId, kind)}`,
    verify(athleteId, kind, signature) {
      const expected = Buffer.from(sign(athleteId, kind));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

const SECRET_FILE = 'link-secret';

/**
 * The secret that signs unsubscribe links: `<home>/link-secret`, 32 random bytes made on first
 * use, readable by runcue's user only (mode 0600, also put right if it was loosened). Every
 * process that sends mail or serves the links reads the same file, so a link stays valid across
 * restarts and whichever process sent it.
 */
export async function loadLinkSecret(home: string): Promise<Uint8Array> {
  const file = path.join(home, SECRET_FILE);
  await mkdir(home, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const hex = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a link secret (64 hex digits)`);
  return Buffer.from(hex, 'hex');
}
