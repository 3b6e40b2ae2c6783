import type {
  FitActivityMesg,
  FitDeviceInfo,
  FitEvent,
  FitFieldDescription,
  FitFileCreator,
  FitFileId,
  FitHr,
  FitLap,
  FitSession,
  FitSport,
} from './summary-messages.ts';

/**
 * The record fields a reader decodes into columns, by FIT profile name (camelCase, as
 * `@garmin/fitsdk`'s `Profile` spells them). Values are in the profile's units after scale and
 * offset (distance m, speed m/s, altitude m, positions in semicircles, stance time ms, vertical
 * oscillation and step length mm, ...), except `timestamp`, which is milliseconds since the Unix
 * epoch. Adding a numeric record field here is all either reader needs to decode it.
 */
export const recordFieldNames = [
  'timestamp',
  'positionLat',
  'positionLong',
  'distance',
  'speed',
  'enhancedSpeed',
  'altitude',
  'enhancedAltitude',
  'heartRate',
  'cadence',
  'fractionalCadence',
  'power',
  'temperature',
  'verticalOscillation',
  'stanceTime',
  'stanceTimePercent',
  'stanceTimeBalance',
  'stepLength',
  'verticalRatio',
] as const;
export type RecordFieldName = (typeof recordFieldNames)[number];

/**
 * The record messages of a file as columns, one entry per record in file order (every segment).
 * A column exists only when some record of the file carries that field; it holds NaN where a
 * record has no valid value (absent field, the base type's invalid value). A field written as an
 * array contributes its first element.
 */
export interface FitRecords {
  readonly length: number;
  readonly columns: { readonly [K in RecordFieldName]?: Float64Array };
  /** Developer fields by their `FitFieldDescription.key` (first element of arrays; NaN for strings). */
  readonly developer: ReadonlyMap<number, Float64Array>;
}

/** What one reader made of one FIT segment (header + data + CRC) of a file. */
export interface SegmentFacts {
  /** Offset of the segment's header in the file. */
  readonly start: number;
  /** Data bytes the header declares, and how many of them the file holds. */
  readonly declaredDataSize: number;
  readonly dataBytes: number;
  /** Shorter than declared, or a header that declares 0 bytes with data after it. */
  readonly truncated: boolean;
  /** The file CRC matches; null when the CRC bytes are missing. */
  readonly crcOk: boolean | null;
  /** Why reading stopped before the end of the data, or null. */
  readonly error: string | null;
  /** Which reader produced the segment's messages. */
  readonly reader: 'sdk' | 'fast' | 'own';
  /** Data messages read (of every kind, also those DecodedFit does not keep). */
  readonly messageCount: number;
  readonly recordCount: number;
}

/**
 * The one contract between FIT readers and `buildActivity`: what a file says, decoded, before
 * any judgement about what it means. Records are columnar (no object per record); the few
 * summary messages are small typed objects. Every list is in file order across all segments.
 */
export interface DecodedFit {
  readonly records: FitRecords;
  readonly fileIds: readonly FitFileId[];
  readonly fileCreators: readonly FitFileCreator[];
  readonly activities: readonly FitActivityMesg[];
  readonly sports: readonly FitSport[];
  readonly sessions: readonly FitSession[];
  readonly laps: readonly FitLap[];
  readonly events: readonly FitEvent[];
  readonly deviceInfos: readonly FitDeviceInfo[];
  /** `hr` messages (HRM-Tri/Swim/Pro beats stored while the strap could not transmit). */
  readonly hr: readonly FitHr[];
  readonly fieldDescriptions: readonly FitFieldDescription[];
  readonly segments: readonly SegmentFacts[];
  /** Bytes after the last segment that do not start a FIT header. */
  readonly trailingBytes: number;
}

/** A DecodedFit of one segment, before segments are joined. */
export type DecodedSegment = Omit<DecodedFit, 'segments' | 'trailingBytes'>;
