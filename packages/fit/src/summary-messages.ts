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
export type Kind = 'time' | 'number' | 'string' | 'numbers';
export type Spec = Readonly<Record<string, Kind>>;
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

/** How each kind of field is read from an SDK-shaped message's value. */
export const readValue: { readonly [K in Kind]: (v: unknown) => ValueOf<K> } = {
  time: (v) => (v instanceof Date && Number.isFinite(v.getTime()) ? v.getTime() : null),
  number: (v) => {
    const x = first(v);
    return typeof x === 'number' && Number.isFinite(x) ? x : null;
  },
  string: (v) => {
    if (typeof v === 'string') return v;
    return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  },
  numbers: (v) => {
    const out: number[] = [];
    if (!Array.isArray(v)) {
      if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
      return out;
    }
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'number' && Number.isFinite(x)) out.push(x);
    }
    return out;
  },
};

type Summarise = (message: FitMessage) => Record<string, unknown>;

/**
 * A function that makes the summary of one message for `spec`: an object literal with the spec's
 * fields, each read by a constant name. Made with `new Function` from the spec's field names
 * alone (our own identifiers, never file data), so that every summary of a kind has one shape and
 * no field is looked up or stored by a computed name.
 */
function compileSummary(spec: Spec): Summarise {
  const names = Object.keys(spec);
  const readers = names.map((name) => readValue[spec[name] as Kind]);
  const fields = names.map((name, i) => `${JSON.stringify(name)}: read${i}(m[${JSON.stringify(name)}])`);
  // The body is made of the spec's field names only, never of bytes from the file.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function(
    ...names.map((_, i) => `read${i}`),
    `return (m) => ({ ${fields.join(', ')} });`,
  ) as (...read: ((v: unknown) => unknown)[]) => Summarise;
  return make(...readers);
}

/** Each spec's compiled summary function, made once. */
const compiled = new WeakMap<Spec, Summarise>();

/** The typed summary of one SDK-shaped message, with the fields `spec` names. */
export function summaryOf<S extends Spec>(spec: S, message: FitMessage): SummaryOf<S> {
  let summarise = compiled.get(spec);
  if (summarise === undefined) {
    summarise = compileSummary(spec);
    compiled.set(spec, summarise);
  }
  return summarise(message) as SummaryOf<S>;
}
