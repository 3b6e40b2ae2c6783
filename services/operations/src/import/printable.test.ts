import { describe, expect, it } from 'vitest';
import { hasControlCharacters, printable } from './printable.ts';

describe('printable', () => {
  it('escapes a newline, so a name cannot write a fake log line', () => {
    const name = 'run.fit\nimported   fake.fit  running';
    expect(printable(name)).toBe('run.fit\\nimported   fake.fit  running');
    expect(printable(name).split('\n')).toHaveLength(1);
  });

  it('escapes NUL, ESC (terminal colours), DEL, C1 controls, line separators and bidi overrides', () => {
    expect(printable('a\u0000b\u001b[31mc\u007fd\u0085e\u2028f\u202eg\tz\r')).toBe(
      'a\\u0000b\\u001b[31mc\\u007fd\\u0085e\\u2028f\\u202eg\\tz\\r',
    );
  });

  it('leaves ordinary names alone, accents, emoji and backslashes included', () => {
    for (const name of ['2026-11-20-07-31-02.fit', 'Läufe/été 🏃.fit.gz', 'C:\\runs\\a.fit', ''])
      expect(printable(name)).toBe(name);
  });

  it('tells whether there is anything to escape, the same on every call', () => {
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('ab.fit')).toBe(false);
  });
});
