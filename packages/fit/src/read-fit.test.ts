import { Encoder } from '@garmin/fitsdk';
import type { Mesg } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { decodeFit } from './decode-fit.ts';
import { mergeHeartRates } from './merge-heart-rates.ts';
import { readFit } from './read-fit.ts';
import { encodeTestActivity } from './fit-test-files.ts';

const mesg = (fields: Record<string, unknown>): Mesg => fields;
const START = new Date('2024-05-01T06:00:00Z');
const at = (s: number): Date => new Date(START.getTime() + s * 1000);

/** A running file whose records carry one developer field named `fieldName` (uint16). */
function withDeveloperField(fieldName: string, values: readonly number[]): Uint8Array {
  const developerDataIdMesg = { developerDataIndex: 0, applicationId: new Array<number>(16).fill(1) };
  const fieldDescriptionMesg = {
    developerDataIndex: 0,
    fieldDefinitionNumber: 0,
    fitBaseTypeId: 0x84, // uint16
    fieldName,
    units: 'W',
  };
  const encoder = new Encoder({ fieldDescriptions: { 0: { developerDataIdMesg, fieldDescriptionMesg } } });
  encoder.onMesg(0, mesg({ type: 'activity', manufacturer: 'development', product: 1, timeCreated: START }));
  encoder.onMesg(207, mesg(developerDataIdMesg));
  encoder.onMesg(206, mesg(fieldDescriptionMesg));
  values.forEach((v, i) =>
    encoder.onMesg(20, mesg({ timestamp: at(i), distance: i * 3, developerFields: { 0: v } })),
  );
  encoder.onMesg(
    18,
    mesg({
      timestamp: at(values.length),
      startTime: START,
      sport: 'running',
      totalElapsedTime: values.length,
    }),
  );
  return encoder.close();
}

describe('readFit (the DecodedFit seam)', () => {
  it('gives one column per record field present, with NaN-free values and Unix-ms timestamps', () => {
    const decoded = readFit(encodeTestActivity({ records: 30 }));
    const { columns, length } = decoded.records;
    expect(length).toBe(30);
    expect(columns.timestamp?.[0]).toBe(Date.parse('2024-05-01T06:00:00Z'));
    expect(columns.timestamp?.[29]).toBe(Date.parse('2024-05-01T06:00:29Z'));
    expect(Array.from(columns.distance ?? [])).toEqual(Array.from({ length: 30 }, (_, i) => i * 3));
    expect(columns.enhancedSpeed?.[5]).toBe(3); // expanded from the speed field's component
    expect(columns.cadence?.[5]).toBe(85);
    expect(columns.fractionalCadence?.[5]).toBe(0.5);
    expect(columns.power).toBeUndefined();
    expect(decoded.sessions[0]?.sport).toBe('running');
    expect(decoded.fileIds[0]?.serialNumber).toBe(1234);
    expect(decoded.events.map((e) => e.eventType)).toEqual(['start', 'stopAll']);
    expect(decoded.segments).toMatchObject([{ truncated: false, crcOk: true, error: null, recordCount: 30 }]);
  });

  it('keeps developer field keys unique across chained segments (regression: keys restarted at 0 in each segment)', () => {
    const power = withDeveloperField('Power', [250, 251, 252]);
    const stiffness = withDeveloperField('Leg Spring Stiffness', [9, 9, 9]);
    const decoded = readFit(new Uint8Array([...power, ...stiffness]));
    expect(decoded.fieldDescriptions.map((d) => [d.key, d.fieldName])).toEqual([
      [0, 'Power'],
      [1, 'Leg Spring Stiffness'],
    ]);
    expect(Array.from(decoded.records.developer.get(0) ?? [])).toEqual([250, 251, 252, NaN, NaN, NaN]);
    expect(Array.from(decoded.records.developer.get(1) ?? [])).toEqual([NaN, NaN, NaN, 9, 9, 9]);
    const activity = decodeFit(new Uint8Array([...power, ...stiffness]));
    expect(Array.from(activity.samples.power)).toEqual([250, 251, 252, NaN, NaN, NaN]);
    expect(activity.sensors.power).toBe('developer');
  });

  it('fills missing record heart rates from hr messages', () => {
    const encoder = new Encoder();
    encoder.onMesg(
      0,
      mesg({ type: 'activity', manufacturer: 'development', product: 1, timeCreated: START }),
    );
    for (let i = 0; i < 4; i++) encoder.onMesg(20, mesg({ timestamp: at(i), distance: i }));
    encoder.onMesg(
      132,
      mesg({
        timestamp: at(0),
        fractionalTimestamp: 0,
        eventTimestamp: [0, 1, 1.5, 2, 3],
        filteredBpm: [100, 110, 120, 130, 140],
      }),
    );
    const decoded = readFit(encoder.close());
    expect(decoded.records.columns.heartRate).toBeUndefined();
    const merged = mergeHeartRates(decoded);
    // (previous record, record] windows: 0 → 100 | 1 → 110 | 1.5, 2 → 125 | 3 → 140
    expect(Array.from(merged.records.columns.heartRate ?? [])).toEqual([100, 110, 125, 140]);
    expect(decoded.records.columns.heartRate).toBeUndefined(); // the input is not changed
  });

  it('merges hr messages and records written out of time order by their times', () => {
    const encoder = new Encoder();
    encoder.onMesg(
      0,
      mesg({ type: 'activity', manufacturer: 'development', product: 1, timeCreated: START }),
    );
    for (const s of [2, 0, 1, 3]) encoder.onMesg(20, mesg({ timestamp: at(s), distance: s }));
    const hr = (s: number, bpm: number[]) =>
      mesg({ timestamp: at(s), fractionalTimestamp: 0, eventTimestamp: [s, s + 1], filteredBpm: bpm });
    encoder.onMesg(132, hr(2, [130, 140]));
    encoder.onMesg(132, hr(0, [100, 110]));
    const merged = mergeHeartRates(readFit(encoder.close()));
    expect(Array.from(merged.records.columns.heartRate ?? [])).toEqual([130, 100, 110, 140]);
  });
});
