import type { DecodedSegment } from './decoded-fit.ts';
import { recordFieldNames } from './decoded-fit.ts';
import type { FitMessage, FitMessages } from './fit-messages.ts';
import { mesgs } from './fit-messages.ts';
import { RecordColumnsBuilder } from './record-columns.ts';
import {
  activitySpec,
  deviceInfoSpec,
  eventSpec,
  fieldDescriptionSpec,
  fileCreatorSpec,
  fileIdSpec,
  hrSpec,
  lapSpec,
  sessionSpec,
  sportSpec,
  summaryOf,
} from './summary-messages.ts';

function numberOf(v: unknown): number {
  const x = Array.isArray(v) ? (v[0] as unknown) : v;
  if (x instanceof Date) return x.getTime();
  return typeof x === 'number' && Number.isFinite(x) ? x : NaN;
}

/** Record messages in the SDK's shape → columns (`timestamp` as Unix ms). */
function recordsOf(records: readonly FitMessage[]): DecodedSegment['records'] {
  const builder = new RecordColumnsBuilder(records.length);
  for (const r of records) {
    const row = builder.addRow();
    for (let f = 0; f < recordFieldNames.length; f++) {
      const name = recordFieldNames[f] ?? '';
      if (!(name in r)) continue;
      const v = numberOf(r[name]);
      if (!Number.isNaN(v)) builder.set(f, row, v);
    }
    const dev = r.developerFields as Record<string, unknown> | undefined;
    if (dev === undefined) continue;
    for (const [key, raw] of Object.entries(dev)) {
      const v = numberOf(raw);
      if (!Number.isNaN(v)) builder.setDeveloper(Number(key), row, v);
    }
  }
  return builder.finish();
}

/** The summary messages of one segment (everything but the records), from SDK-shaped messages. */
function summariesFromMessages(messages: FitMessages): Omit<DecodedSegment, 'records'> {
  const all = <S extends Parameters<typeof summaryOf>[0]>(key: string, spec: S) =>
    mesgs(messages, key).map((m) => summaryOf(spec, m));
  return {
    fileIds: all('fileIdMesgs', fileIdSpec),
    fileCreators: all('fileCreatorMesgs', fileCreatorSpec),
    activities: all('activityMesgs', activitySpec),
    sports: all('sportMesgs', sportSpec),
    sessions: all('sessionMesgs', sessionSpec),
    laps: all('lapMesgs', lapSpec),
    events: all('eventMesgs', eventSpec),
    deviceInfos: all('deviceInfoMesgs', deviceInfoSpec),
    hr: all('hrMesgs', hrSpec),
    fieldDescriptions: all('fieldDescriptionMesgs', fieldDescriptionSpec),
  };
}

/**
 * The adapter from messages in `@garmin/fitsdk`'s shape (the SDK Decoder's output, and the own
 * record reader's) to one segment of the `DecodedFit` contract.
 */
export function decodedFromMessages(messages: FitMessages): DecodedSegment {
  return { records: recordsOf(mesgs(messages, 'recordMesgs')), ...summariesFromMessages(messages) };
}
