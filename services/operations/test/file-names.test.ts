import { describe, expect, it } from 'vitest';
import { fileKind, isIgnoredName, isIgnoredPath } from '../src/import/file-names.ts';

describe('file names', () => {
  it.each([
    ['2026-11-20-07-31-02.fit', 'fit'],
    ['GARMIN/ACTIVITY/A1B2C3D4.FIT', 'fit'],
    ['HealthFit/run.fit.gz', 'fit.gz'],
    ['Gadgetbridge/export.FIT.GZ', 'fit.gz'],
    ['garmin_export.zip', 'zip'],
    ['notes.txt', null],
    ['run.fit.partial', null],
    ['fit', null],
  ])('%s is %s', (name, kind) => {
    expect(fileKind(name)).toBe(kind);
  });

  it.each([
    '.syncthing.run.fit.tmp',
    '~syncthing~run.fit',
    '.dropbox.cache',
    'run.fit.partial',
    '.hidden.fit',
    '._run.fit',
    'x.fit.tmp',
  ])('ignores %s', (name) => {
    expect(isIgnoredName(name)).toBe(true);
  });

  it('reads ordinary names and ignores anything under a hidden folder', () => {
    expect(isIgnoredName('run.fit')).toBe(false);
    expect(isIgnoredPath('GARMIN/Activity/run.fit')).toBe(false);
    expect(isIgnoredPath('.stversions/run.fit')).toBe(true);
    expect(isIgnoredPath('export/__MACOSX/run.fit')).toBe(true);
  });
});
