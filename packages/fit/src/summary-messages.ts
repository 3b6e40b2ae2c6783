import type { FitMessage } from './fit-messages.ts';

/**
 * The non-record messages `DecodedFit` keeps, each as a small typed object with the profile's
 * field names. A spec lists the fields taken and their kind; both readers fill these objects from
 * the same SDK-shaped message through `summaryOf`, so a field added to a spec reaches them both.
 *
 * Kinds: `time` is a date_time field as ms since the Unix epoch; `number` a scaled number (first
 * element of an array); `string` a string or an enum's name (an unknown enum value as its number
 * in text); `numbers` every finite element of an array field.
 */
type Kind = 'time' | 'number' | 'string' | 'numbers';
type Spec = Readonly<Record<string, Kind>>;
type ValueOf<K extends Kind> = K extends 'string'
  ? string | null
  : K extends 'numbers'
    ? readonly number[]
    : number | null;
export type SummaryOf<S extends Spec> = { readonly [F in keyof S]: ValueOf<S[F]> };

const PRODUCT = {
  manufacturer: 'string',
  product: 'string',
  garminProduct: 'string',
  faveroProduct: 'string',
  productName: 'string',
} as const;

export const fileIdSpec = {
  type: 'string',
  ...PRODUCT,
  serialNumber: 'number',
  timeCreated: 'time',
} as const;
export type FitFileId = SummaryOf<typeof fileIdSpec>;

export const fileCreatorSpec = { softwareVersion: 'number', hardwareVersion: 'number' } as const;
export type FitFileCreator = SummaryOf<typeof fileCreatorSpec>;

export const activitySpec = {
  timestamp: 'time',
  localTimestamp: 'number', // local_date_time: seconds since the FIT epoch in the device's local time
  totalTimerTime: 'number',
  numSessions: 'number',
  type: 'string',
} as const;
export type FitActivityMesg = SummaryOf<typeof activitySpec>;

export const sportSpec = { sport: 'string', subSport: 'string', name: 'string' } as const;
export type FitSport = SummaryOf<typeof sportSpec>;

const TOTALS = {
  timestamp: 'time',
  startTime: 'time',
  sport: 'string',
  subSport: 'string',
  totalElapsedTime: 'number',
  totalTimerTime: 'number',
  totalDistance: 'number',
  totalAscent: 'number',
  totalDescent: 'number',
  avgSpeed: 'number',
  enhancedAvgSpeed: 'number',
  avgHeartRate: 'number',
  maxHeartRate: 'number',
  avgCadence: 'number',
  avgRunningCadence: 'number',
  avgFractionalCadence: 'number',
} as const;

export const sessionSpec = { ...TOTALS, firstLapIndex: 'number', numLaps: 'number' } as const;
export type FitSession = SummaryOf<typeof sessionSpec>;

export const lapSpec = { ...TOTALS, lapTrigger: 'string' } as const;
export type FitLap = SummaryOf<typeof lapSpec>;

export const eventSpec = {
  timestamp: 'time',
  event: 'string',
  eventType: 'string',
  data: 'number',
  timerTrigger: 'string',
} as const;
export type FitEvent = SummaryOf<typeof eventSpec>;

export const deviceInfoSpec = {
  timestamp: 'time',
  deviceIndex: 'string',
  antplusDeviceType: 'string',
  bleDeviceType: 'string',
  localDeviceType: 'string',
  sourceType: 'string',
  ...PRODUCT,
  serialNumber: 'number',
  softwareVersion: 'number',
} as const;
export type FitDeviceInfo = SummaryOf<typeof deviceInfoSpec>;

export const hrSpec = {
  timestamp: 'time',
  fractionalTimestamp: 'number',
  eventTimestamp: 'numbers',
  filteredBpm: 'numbers',
} as const;
export type FitHr = SummaryOf<typeof hrSpec>;

/** A developer field's description; `key` is unique in the file (numbered across segments). */
export const fieldDescriptionSpec = {
  key: 'number',
  developerDataIndex: 'number',
  fieldDefinitionNumber: 'number',
  fitBaseTypeId: 'number',
  fieldName: 'string',
  units: 'string',
  nativeMesgNum: 'number',
  nativeFieldNum: 'number',
} as const;
export type FitFieldDescription = SummaryOf<typeof fieldDescriptionSpec>;

function first(v: unknown): unknown {
  return Array.isArray(v) ? (v[0] as unknown) : v;
}

function valueOf(v: unknown, kind: Kind): number | string | null | readonly number[] {
  switch (kind) {
    case 'time':
      return v instanceof Date && Number.isFinite(v.getTime()) ? v.getTime() : null;
    case 'number': {
      const x = first(v);
      return typeof x === 'number' && Number.isFinite(x) ? x : null;
    }
    case 'string':
      if (typeof v === 'string') return v;
      return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
    case 'numbers':
      return (Array.isArray(v) ? (v as unknown[]) : [v]).filter(
        (x): x is number => typeof x === 'number' && Number.isFinite(x),
      );
  }
}

/** The typed summary of one SDK-shaped message, with the fields `spec` names. */
export function summaryOf<S extends Spec>(spec: S, message: FitMessage): SummaryOf<S> {
  let entries = specEntries.get(spec);
  if (entries === undefined) {
    entries = Object.entries(spec);
    specEntries.set(spec, entries);
  }
  const out: Record<string, unknown> = {};
  for (const [name, kind] of entries) out[name] = valueOf(message[name], kind);
  return out as SummaryOf<S>;
}

/** Each spec's entries, listed once. */
const specEntries = new WeakMap<Spec, [string, Kind][]>();
