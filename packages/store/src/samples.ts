import type { Samples } from '@runcue/fit';
import type { Db } from './db.ts';
import { isId } from './store-error.ts';
import { decodeSamples, encodeSamplesRow, type EncodedSamples } from './samples-codec.ts';

/**
 * Store (or replace) an activity's samples in the compact format of `samples-codec.ts`. Pass
 * `encodeSamplesRow(samples)` instead of the samples to have the encoding done elsewhere (a
 * worker thread) rather than inside the transaction.
 */
export async function saveSamples(
  db: Db,
  activityId: string,
  samples: Samples | EncodedSamples,
): Promise<{ bytes: number }> {
  const row = 'formatVersion' in samples ? samples : encodeSamplesRow(samples);
  await db.query(
    `INSERT INTO samples (activity_id, format_version, sample_count, channels) VALUES ($1, $2, $3, $4)
     ON CONFLICT (activity_id) DO UPDATE SET format_version = EXCLUDED.format_version,
       sample_count = EXCLUDED.sample_count, channels = EXCLUDED.channels`,
    [activityId, row.formatVersion, row.sampleCount, row.bytes],
  );
  return { bytes: row.bytes.byteLength };
}

/** An activity's samples, decoded, or null when none are stored. */
export async function loadSamples(db: Db, activityId: string): Promise<Samples | null> {
  const { rows } = await db.query<{ formatVersion: number; channels: Uint8Array }>(
    `SELECT format_version AS "formatVersion", channels FROM samples WHERE activity_id::text = $1`,
    [activityId],
  );
  const row = rows[0];
  return row ? decodeSamples(row.channels, row.formatVersion) : null;
}

/** How many samples are stored for an activity (0 when none are), without decoding them. */
export async function sampleCount(db: Db, activityId: string): Promise<number> {
  if (!isId(activityId)) return 0;
  const { rows } = await db.query<{ n: number }>(
    'SELECT sample_count::int AS n FROM samples WHERE activity_id = $1',
    [activityId],
  );
  return rows[0]?.n ?? 0;
}
