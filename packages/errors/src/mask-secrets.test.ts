import { describe, expect, it } from 'vitest';
import { maskSecrets, maskUrl } from './mask-secrets.ts';

describe('maskUrl', () => {
  it.each([
    ['smtp://SECRET@mail.example.org', 'smtp://***@mail.example.org'],
    ['smtp://user:pass@mail.example.org:587', 'smtp://user:***@mail.example.org:587'],
    [
      'smtps://runner%40example.org:p%40ss:w0rd@smtp.example.org',
      'smtps://runner%40example.org:***@smtp.example.org',
    ],
    ['smtp://:onlypass@host:25', 'smtp://:***@host:25'],
    [
      'smtp://mail.example.org:25?pass=hunter2&name=runcue',
      'smtp://mail.example.org:25?pass=***&name=runcue',
    ],
    ['smtps://u@h/?Password=x;secure=true', 'smtps://***@h/?Password=***;secure=true'],
    ['postgres://postgres:hunter2@127.0.0.1:5432/runcue', 'postgres://postgres:***@127.0.0.1:5432/runcue'],
    [
      'postgresql://db.example.org/runcue?user=me&password=hunter2&sslmode=require',
      'postgresql://db.example.org/runcue?user=me&password=***&sslmode=require',
    ],
    [
      'postgres://app:s3cr3t@/runcue?host=/var/run/postgresql',
      'postgres://app:***@/runcue?host=/var/run/postgresql',
    ],
    ['https://intervals.icu/api?api_key=abcdef123456', 'https://intervals.icu/api?api_key=***'],
    ['https://proxy.example.org/#access_token=abc&x=1', 'https://proxy.example.org/#access_token=***&x=1'],
    ['smtp://127.0.0.1:1', 'smtp://127.0.0.1:1'],
  ])('%s → %s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  it('masks a URL that does not parse by its shape, never printing the credential', () => {
    const shown = maskUrl('smtp://us er:pa ss@ho st:25?pass=x y');
    expect(shown).not.toContain('pa ss');
    expect(shown).toBe('smtp://us er:***@ho st:25?pass=***');
    expect(maskUrl('smtp://TOKEN VALUE@ho st')).toBe('smtp://***@ho st');
  });
});

describe('maskSecrets', () => {
  it('masks every URL in a message, leaving the rest as it was', () => {
    const text =
      'cannot use smtp://SECRET@host:25 (or smtps://u:p4ss@h2), database postgres://a:b@c/d; see https://runcue.example/help.';
    expect(maskSecrets(text)).toBe(
      'cannot use smtp://***@host:25 (or smtps://u:***@h2), database postgres://a:***@c/d; see https://runcue.example/help.',
    );
  });

  it('masks known secrets such as an intervals.icu API key wherever they appear', () => {
    expect(maskSecrets('401 for key 7f3k2j9x8q and API_KEY:7f3k2j9x8q', ['7f3k2j9x8q'])).toBe(
      '401 for key *** and API_KEY:***',
    );
    expect(maskSecrets('a b', ['a'])).toBe('a b'); // too short to be a key: left alone
  });

  it('leaves text without credentials untouched', () => {
    const text = 'imported 2024-05-04.fit, 10.00 km; http://127.0.0.1:8787/api/v1/uploads';
    expect(maskSecrets(text)).toBe(text);
  });
});
