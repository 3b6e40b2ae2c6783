import { describe, expect, it } from 'vitest';
import { decodeFit, isFitError } from '@runcue/fit';
import type { Activity } from '@runcue/fit';
import { readCorpusFile, readManifest } from './manifest.ts';

const rows = readManifest();

/** Files where we legitimately read more records than @garmin/fitsdk, and why. */
const readsMore: Record<string, string> = {
  'muktihari-fit/triathlon_summary_first.fit':
    'the SDK throws a TypeError on this FR255 file (an accumulated field after its component source); the fast reader reads it',
  'muktihari-fit/triathlon_summary_last.fit':
    'the SDK throws a TypeError on this FR255 file (an accumulated field after its component source); the fast reader reads it',
  'python-fitparse/antfs-dump.63.fit':
    'compressed-timestamp record headers (FR70), unsupported by the SDK; the fast reader reads them',
  'python-fitparse/compressed-speed-distance.fit':
    'compressed-timestamp record headers (FR70), unsupported by the SDK; the fast reader reads them',
  'sports-lib/empty-activities.fit':
    'the header declares 0 data bytes (never finalised); the messages after it are read',
};

/** Files whose MANIFEST sport reflects where the SDK stopped, not the whole file. */
const sportOverride: Record<string, string> = {
  'muktihari-fit/triathlon_summary_last.fit': 'running', // the SDK stopped after the swim session
  'sports-lib/empty-activities.fit': 'generic', // unfinalised file: no session or sport message was ever written
};

/** Files MANIFEST does not call activities that still decode (no file type, but records). */
const activityWithoutType = (r: { file_type: string; records: string }): boolean =>
  r.file_type === '' && Number(r.records) > 0;

const expectedErrors: Record<string, string> = {
  'elevate/empty.fit': 'FIT_EMPTY',
  'elevate/._empty.fit': 'FIT_NOT_FIT',
};

function expectedSport(manifestSport: string): string {
  if (manifestSport === '') return 'generic';
  const parts = manifestSport.split('+');
  return parts.includes('running') ? 'running' : (parts[0] ?? 'generic');
}

function expectedIntegrity(notes: string, path: string): Activity['integrity'] {
  if (path === 'sports-lib/empty-activities.fit' || /truncated:/.test(notes)) return 'truncated';
  if (/file CRC mismatch/.test(notes)) return 'crc-mismatch';
  return 'ok';
}

describe('every corpus file decodes as MANIFEST.tsv says', () => {
  it('finds the corpus', () => {
    expect(rows.length).toBeGreaterThan(200);
  });

  for (const row of rows) {
    const isActivity = row.file_type === 'activity' || activityWithoutType(row) || row.path in readsMore;
    it(row.path, () => {
      const bytes = readCorpusFile(row.path);
      const expectedCode = expectedErrors[row.path] ?? (isActivity ? null : 'FIT_NOT_ACTIVITY');
      if (expectedCode !== null) {
        let caught: unknown;
        try {
          decodeFit(bytes);
        } catch (e) {
          caught = e;
        }
        expect(isFitError(caught) && caught.code).toBe(expectedCode);
        if (expectedCode === 'FIT_NOT_ACTIVITY' && row.file_type !== '')
          expect(String(caught)).toContain(row.file_type === '8' ? '8' : row.file_type);
        return;
      }
      const activity = decodeFit(bytes);
      const records = Number(row.records);
      if (row.path in readsMore) expect(activity.samples.length).toBeGreaterThan(records);
      else expect(activity.samples.length).toBe(records);
      expect(activity.sport).toBe(sportOverride[row.path] ?? expectedSport(row.sport));
      expect(activity.integrity).toBe(expectedIntegrity(row.notes, row.path));
      expect(activity.sha256).toBe(row.sha256);
      expect(activity.sessions.length).toBeGreaterThanOrEqual(
        row.path in readsMore ? 0 : Number(row.sessions || 0) > 0 ? 1 : 0,
      );
      const time = activity.samples.time;
      for (let i = 1; i < time.length; i++)
        if (!Number.isNaN(time[i] ?? NaN) && !Number.isNaN(time[i - 1] ?? NaN))
          expect(time[i]).toBeGreaterThanOrEqual(time[i - 1] ?? 0);
    });
  }
});
