import type { Migration } from '../migration.ts';

/**
 * The first schema: athletes and how their files arrive, the files themselves (raw bytes kept),
 * activities with compact samples and versioned analyses, and what coaching and notifying need
 * (pain log, shoes, outbox, sent cues). Plain PostgreSQL that PGlite runs too.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  statements: [
    `CREATE TABLE athletes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) > 0),
      email text NOT NULL,
      time_zone text NOT NULL DEFAULT 'UTC',
      cadence_threshold_spm double precision NOT NULL DEFAULT 170 CHECK (cadence_threshold_spm > 0),
      weekly_review_day smallint NOT NULL DEFAULT 1 CHECK (weekly_review_day BETWEEN 1 AND 7),
      weekly_review_time text NOT NULL DEFAULT '07:00' CHECK (weekly_review_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      units text NOT NULL DEFAULT 'metric' CHECK (units IN ('metric', 'imperial')),
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      token_sha256 text NOT NULL UNIQUE,
      label text,
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
    `CREATE TABLE sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('folder')),
      path text NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (kind, path)
    )`,
    `CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer NOT NULL,
      original_name text NOT NULL,
      source_kind text NOT NULL CHECK (source_kind IN ('folder', 'upload', 'archive', 'cli')),
      origin text,
      bytes bytea,
      status text NOT NULL CHECK (status IN ('imported', 'duplicate', 'failed')),
      error_code text,
      error_message text,
      duplicate_of uuid,
      duplicate_reason text CHECK (duplicate_reason IN ('same-bytes', 'same-file-id', 'same-run')),
      received_at timestamptz NOT NULL,
      UNIQUE (athlete_id, sha256),
      CHECK ((status = 'failed') = (error_code IS NOT NULL)),
      CHECK ((status = 'duplicate') = (duplicate_of IS NOT NULL))
    )`,
    `CREATE TABLE shoes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      name text NOT NULL,
      started_at timestamptz NOT NULL,
      retired_at timestamptz,
      is_default boolean NOT NULL DEFAULT false,
      start_distance_m double precision NOT NULL DEFAULT 0 CHECK (start_distance_m >= 0),
      warn_at_m double precision NOT NULL DEFAULT 482803.2 CHECK (warn_at_m > 0),
      CHECK (NOT (is_default AND retired_at IS NOT NULL))
    )`,
    `CREATE UNIQUE INDEX shoes_one_default ON shoes (athlete_id) WHERE is_default`,
    `CREATE TABLE activities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      file_id uuid NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
      sport text NOT NULL,
      sub_sport text,
      start_time timestamptz NOT NULL,
      local_offset_s integer,
      fit_serial_number bigint,
      fit_time_created timestamptz,
      device_manufacturer text,
      device_product text,
      integrity text NOT NULL CHECK (integrity IN ('ok', 'truncated', 'crc-mismatch')),
      distance_m double precision,
      moving_time_s double precision,
      metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
      duplicate_of uuid REFERENCES activities (id) ON DELETE SET NULL,
      shoe_id uuid REFERENCES shoes (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (athlete_id, fit_serial_number, fit_time_created)
    )`,
    `CREATE INDEX activities_athlete_start ON activities (athlete_id, start_time)`,
    `ALTER TABLE files ADD CONSTRAINT files_duplicate_of_fkey
      FOREIGN KEY (duplicate_of) REFERENCES activities (id) ON DELETE CASCADE`,
    `CREATE TABLE samples (
      activity_id uuid PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
      format_version smallint NOT NULL,
      sample_count integer NOT NULL CHECK (sample_count >= 0),
      channels bytea NOT NULL
    )`,
    `CREATE TABLE analyses (
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
      analysis_version integer NOT NULL,
      analysis jsonb NOT NULL,
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (activity_id, analysis_version)
    )`,
    `CREATE TABLE pain_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      activity_id uuid REFERENCES activities (id) ON DELETE SET NULL,
      score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
      location text CHECK (location IN ('lower-back', 'hip', 'leg')),
      flags text[] NOT NULL DEFAULT '{}',
      note text,
      at timestamptz NOT NULL
    )`,
    `CREATE INDEX pain_entries_athlete_at ON pain_entries (athlete_id, at)`,
    `CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('run-summary', 'weekly-review')),
      key text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      message_id text NOT NULL UNIQUE,
      last_error text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      UNIQUE (athlete_id, kind, key)
    )`,
    `CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    `CREATE TABLE sent_cues (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
      activity_id uuid REFERENCES activities (id) ON DELETE SET NULL,
      cue_id text NOT NULL,
      level smallint NOT NULL DEFAULT 0,
      at timestamptz NOT NULL
    )`,
    `CREATE INDEX sent_cues_athlete_cue ON sent_cues (athlete_id, cue_id, at)`,
  ],
};
