import { Encoder } from '@garmin/fitsdk';
import type { Mesg } from '@garmin/fitsdk';

/** The SDK's Mesg type lists no profile fields, so plain objects go through this. */
const mesg = (fields: Record<string, unknown>): Mesg => fields;

const FILE_ID = 0;
const SESSION = 18;
const RECORD = 20;
const EVENT = 21;

/**
 * Small FIT files written with the SDK's Encoder, for tests: an activity with `records` one-second
 * records (running cadence `strideCadence` per leg), or a file of another type.
 */
export function encodeTestActivity(options: {
  records: number;
  sport?: string;
  strideCadence?: number;
  fileType?: string;
  /** Moves the last record's timestamp this many seconds ahead, like the garbage at a truncated file's cut. */
  lastRecordJumpS?: number;
}): Uint8Array {
  const encoder = new Encoder();
  const start = new Date('2024-05-01T06:00:00Z');
  encoder.onMesg(
    FILE_ID,
    mesg({
      type: options.fileType ?? 'activity',
      manufacturer: 'development',
      product: 1,
      timeCreated: start,
      serialNumber: 1234,
    }),
  );
  if ((options.fileType ?? 'activity') === 'activity') {
    encoder.onMesg(EVENT, mesg({ timestamp: start, event: 'timer', eventType: 'start' }));
    for (let i = 0; i < options.records; i++) {
      encoder.onMesg(
        RECORD,
        mesg({
          timestamp: new Date(
            start.getTime() +
              i * 1000 +
              (i === options.records - 1 ? (options.lastRecordJumpS ?? 0) * 1000 : 0),
          ),
          distance: i * 3,
          speed: 3,
          heartRate: 140,
          cadence: options.strideCadence ?? 85,
          fractionalCadence: 0.5,
        }),
      );
    }
    const end = new Date(start.getTime() + Math.max(0, options.records - 1) * 1000);
    encoder.onMesg(EVENT, mesg({ timestamp: end, event: 'timer', eventType: 'stopAll' }));
    encoder.onMesg(
      SESSION,
      mesg({
        timestamp: end,
        startTime: start,
        sport: options.sport ?? 'running',
        subSport: 'generic',
        totalElapsedTime: Math.max(0, options.records - 1),
        totalTimerTime: Math.max(0, options.records - 1),
        totalDistance: Math.max(0, options.records - 1) * 3,
        avgCadence: options.strideCadence ?? 85,
      }),
    );
  }
  return encoder.close();
}
