import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Athlete } from '@runcue/store';
import { describe, expect, it } from 'vitest';
import { checkAthlete } from '../src/doctor/check-athletes.ts';
import { maskUrl } from '@runcue/errors';
import { checkFonts, checkNode } from '../src/doctor/check-host.ts';

const athlete: Athlete = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Ana Lopez',
  email: 'ana@mail.example.org',
  timeZone: 'Europe/Madrid',
  cadenceThresholdSpm: 170,
  weeklyReviewDay: 1,
  weeklyReviewTime: '07:00',
  units: 'km',
  settings: {},
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('doctor checks', () => {
  it('masks the password of a URL, and a user part standing alone', () => {
    expect(maskUrl('smtps://bob:p%40ss@mail.example.org:465')).toBe('smtps://bob:***@mail.example.org:465');
    // A user part on its own may be a token (smtp://SECRET@host): it is masked too.
    expect(maskUrl('postgres://postgres@db:5432/runcue')).toBe('postgres://***@db:5432/runcue');
  });

  it('flags undeliverable emails, unknown zones and odd thresholds per athlete', () => {
    expect(checkAthlete(athlete).map((c) => c.status)).toEqual(['ok']);
    const bad = checkAthlete({
      ...athlete,
      email: 'me@localhost',
      timeZone: 'Mars/Olympus',
      cadenceThresholdSpm: 17,
    });
    expect(bad.map((c) => c.status)).toEqual(['warn', 'fail', 'warn']);
    expect(bad[0]?.hint).toContain(`runcue athlete set 'Ana Lopez' --email`);
    expect(bad[2]?.message).toContain('17 spm');
  });

  it('accepts Node 20.19 and later only', () => {
    expect(checkNode('v20.19.0').status).toBe('ok');
    expect(checkNode('v22.1.0').status).toBe('ok');
    expect(checkNode('v20.18.3').status).toBe('fail');
    expect(checkNode('v18.20.0').status).toBe('fail');
  });

  it('prefers DejaVu Sans, accepts any TTF, and warns when there is no font', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'runcue-fonts-'));
    const empty = path.join(root, 'empty');
    const other = path.join(root, 'other', 'truetype', 'liberation');
    const dejavu = path.join(root, 'dejavu', 'truetype');
    await mkdir(empty, { recursive: true });
    await mkdir(other, { recursive: true });
    await mkdir(dejavu, { recursive: true });
    await writeFile(path.join(other, 'LiberationSans-Regular.ttf'), '');
    await writeFile(path.join(dejavu, 'DejaVuSans-Bold.ttf'), '');
    await writeFile(path.join(dejavu, 'DejaVuSans.ttf'), '');

    const none = await checkFonts([empty, path.join(root, 'not-there')]);
    expect(none.status).toBe('warn');
    expect(none.hint).toContain('fonts-dejavu-core');
    const fallback = await checkFonts([path.join(root, 'other')]);
    expect(fallback.status).toBe('ok');
    expect(fallback.message).toContain('LiberationSans-Regular.ttf');
    const best = await checkFonts([path.join(root, 'other'), path.join(root, 'dejavu')]);
    expect(best.message).toBe(`chart labels use ${path.join(dejavu, 'DejaVuSans.ttf')}`);
  });
});
