import { z } from 'zod';

/**
 * The decoded form of one FIT activity file: identity, metadata and columnar samples.
 * Everything that leaves `@runcue/fit` is checked against these schemas, so later stages can
 * trust units and shapes without re-validating.
 */

/** How complete the file was: `truncated` and `crc-mismatch` files were salvaged. */
export const integritySchema = z.enum(['ok', 'truncated', 'crc-mismatch']);
export type Integrity = z.infer<typeof integritySchema>;

/** Names of the sample channels, all in SI-ish units stated in DESIGN.md (cadence in steps/min). */
export const channelNames = [
  'time', // elapsed seconds since activity start (file time, not timer time)
  'distance', // m
  'speed', // m/s
  'altitude', // m
  'lat', // degrees
  'lon', // degrees
  'heartRate', // bpm
  'cadence', // steps/min (both legs)
  'verticalOscillation', // mm
  'stanceTime', // ms
  'stanceTimeBalance', // % left
  'stepLength', // mm
  'verticalRatio', // %
  'power', // W
  'temperature', // °C
] as const;
export type ChannelName = (typeof channelNames)[number];

/** One Float64Array per channel, all the same length; NaN where the file has no value. */
export type Samples = { readonly length: number } & { readonly [K in ChannelName]: Float64Array };

const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');

export const samplesSchema = z
  .object({
    length: z.number().int().nonnegative(),
    ...Object.fromEntries(channelNames.map((c) => [c, float64])),
  })
  .superRefine((s, ctx) => {
    for (const c of channelNames) {
      const arr = (s as Record<string, unknown>)[c] as Float64Array;
      if (arr.length !== s.length) {
        ctx.addIssue({
          code: 'custom',
          message: `channel ${c} has ${arr.length} values, expected ${s.length}`,
        });
      }
    }
  });

export const timerEventSchema = z.object({
  elapsedS: z.number(),
  kind: z.enum(['start', 'stop']),
});
export type TimerEvent = z.infer<typeof timerEventSchema>;

export const sessionSchema = z.object({
  sport: z.string(), // FIT sport name, e.g. 'running', 'cycling', 'transition'
  subSport: z.string().nullable(), // e.g. 'treadmill', 'trail', 'generic'
  startElapsedS: z.number(), // offset from the activity start
  endElapsedS: z.number(),
  totalTimerS: z.number().nullable(),
  distanceM: z.number().nullable(),
  avgCadenceSpm: z.number().nullable(), // steps/min, already doubled for running
  avgHeartRate: z.number().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const lapSchema = z.object({
  startElapsedS: z.number(),
  endElapsedS: z.number(),
  totalTimerS: z.number().nullable(),
  distanceM: z.number().nullable(),
});
export type Lap = z.infer<typeof lapSchema>;

export const sensorsSchema = z.object({
  /** Where heart rate came from: optical on the wrist, a chest strap (incl. HR messages), none, or unknown. */
  heartRate: z.enum(['wrist', 'strap', 'unknown', 'none']),
  /** Where running dynamics came from: the watch/HRM-Run/pod (native fields), developer fields (Stryd, RunScribe), or none. */
  runningDynamics: z.enum(['native', 'developer', 'none']),
  power: z.enum(['native', 'developer', 'none']),
  footPod: z.boolean(),
  gps: z.boolean(),
});
export type Sensors = z.infer<typeof sensorsSchema>;

export const activitySchema = z.object({
  /** sha256 (hex) of the file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileId: z.object({
    manufacturer: z.string().nullable(),
    product: z.string().nullable(),
    serialNumber: z.number().nullable(),
    timeCreated: z.string().nullable(), // ISO 8601 UTC
  }),
  integrity: integritySchema,
  /** Human-readable notes about what the decoder had to work around (salvage, duplicate timestamps, ...). */
  warnings: z.array(z.string()),
  /**
   * What was repaired or left out of the data (a clock that jumped, records with garbage
   * timestamps), in words for the runner; also among `warnings`. Reports show these.
   */
  repairs: z.array(z.string()).optional(),
  /** Main sport: 'running' when any session is a run, else the first session's sport. */
  sport: z.string(),
  subSport: z.string().nullable(),
  /** ISO 8601 UTC of the first record (or session start). */
  startTime: z.string(),
  /** Device local time minus UTC, in seconds, when the file says (activity.local_timestamp). */
  localOffsetS: z.number().nullable(),
  device: z.object({
    manufacturer: z.string().nullable(),
    product: z.string().nullable(),
    softwareVersion: z.number().nullable(),
  }),
  sensors: sensorsSchema,
  sessions: z.array(sessionSchema),
  laps: z.array(lapSchema),
  timerEvents: z.array(timerEventSchema),
  samples: samplesSchema,
});

export type Activity = Omit<z.infer<typeof activitySchema>, 'samples'> & { readonly samples: Samples };

/** An activity's identity and metadata without its samples: what its row keeps. */
export type ActivityWithoutSamples = Omit<Activity, 'samples'>;
