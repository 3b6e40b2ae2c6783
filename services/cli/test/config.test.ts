import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('parseConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const c = parseConfig({}, '/srv/runcue');
    expect(c.home).toBe(path.resolve('/srv/runcue', '.runcue'));
    expect(c.databaseUrl).toBeNull();
    expect(c.smtpUrl).toBeNull();
    expect(c.port).toBe(8787);
    expect(c.summaryWindowDays).toBe(3);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = parseConfig(
      {
        RUNCUE_HOME: '/data/rc',
        RUNCUE_DATABASE_URL: 'postgres://u@db/runcue',
        RUNCUE_SMTP_URL: 'smtp://mail:587',
        RUNCUE_PORT: '9000',
        RUNCUE_SUMMARY_WINDOW_DAYS: '0',
      },
      '/x',
    );
    expect([c.home, c.databaseUrl, c.smtpUrl, c.port, c.summaryWindowDays]).toEqual([
      '/data/rc',
      'postgres://u@db/runcue',
      'smtp://mail:587',
      9000,
      0,
    ]);
  });

  it('reads where intervals.icu and a connected watch are looked for', () => {
    const d = parseConfig({}, '/x');
    expect([d.intervalsUrl, d.intervalsPollSeconds, d.watchRoots, d.mountTable]).toEqual([
      'https://intervals.icu',
      600,
      null,
      '/proc/self/mounts',
    ]);
    const c = parseConfig(
      {
        RUNCUE_INTERVALS_URL: 'http://127.0.0.1:9999/',
        RUNCUE_INTERVALS_POLL_SECONDS: '60',
        RUNCUE_WATCH_ROOTS: '/run/user/*/gvfs::mnt/watch',
        RUNCUE_MOUNT_TABLE: 'mounts',
      },
      '/home/ada',
    );
    expect([c.intervalsUrl, c.intervalsPollSeconds, c.watchRoots, c.mountTable]).toEqual([
      'http://127.0.0.1:9999',
      60,
      ['/run/user/*/gvfs', '/home/ada/mnt/watch'],
      '/home/ada/mounts',
    ]);
  });

  it.each([
    ['RUNCUE_INTERVALS_URL', 'not a url', /RUNCUE_INTERVALS_URL/],
    ['RUNCUE_INTERVALS_POLL_SECONDS', '0', /RUNCUE_INTERVALS_POLL_SECONDS/],
    ['RUNCUE_DATABASE_URL', 'mysql://db', /RUNCUE_DATABASE_URL must be a postgres/],
    ['RUNCUE_SMTP_URL', 'http://mail', /RUNCUE_SMTP_URL must be an smtp/],
    ['RUNCUE_PORT', '70000', /RUNCUE_PORT/],
    ['RUNCUE_SUMMARY_WINDOW_DAYS', '-1', /RUNCUE_SUMMARY_WINDOW_DAYS/],
  ])('names the bad variable %s', (name, value, message) => {
    const parse = () => parseConfig({ [name]: value }, '/x');
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(message);
  });
});
