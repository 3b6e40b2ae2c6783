import { Encoder } from '@garmin/fitsdk';
import type { Mesg } from '@garmin/fitsdk';
import { analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';

/** FIT global message numbers (the SDK's Profile.MesgNum, spelled out: its types make them optional). */
const FILE_ID = 0;
const SESSION = 18;
const RECORD = 20;
const EVENT = 21;

/**
 * Runs a small synthetic run through decoding and analysis, so that the first real file after a
 * start does not pay for loading and compiling them (more than a second of a file's latency on a
 * busy machine). A server calls it once at start in each thread that decodes or analyses; it reads
 * no files. The storage codecs are warmed where files are encoded, in the ingest workers, on
 * inputs as varied as real files (`warmUpCodecs`).
 */
export function warmUpImport(): void {
  analyseRun(decodeFit(syntheticRun(600)));
}

function syntheticRun(seconds: number): Uint8Array {
  const encoder = new Encoder();
  // The SDK's Mesg type lists no profile fields; the encoder checks these names at run time.
  const write = (num: number, fields: Record<string, unknown>): void => {
    const message: Mesg = fields;
    encoder.onMesg(num, message);
  };
  const start = new Date('2024-01-01T07:00:00Z');
  const at = (s: number): Date => new Date(start.getTime() + s * 1000);
  write(FILE_ID, {
    type: 'activity',
    manufacturer: 'development',
    product: 1,
    timeCreated: start,
    serialNumber: 1,
  });
  write(EVENT, { timestamp: start, event: 'timer', eventType: 'start' });
  for (let s = 0; s < seconds; s++) {
    const speed = 3 + 0.3 * Math.sin(s / 60);
    write(RECORD, {
      timestamp: at(s),
      distance: s * 3,
      enhancedSpeed: speed,
      enhancedAltitude: 50 + 5 * Math.sin(s / 300),
      positionLat: 624_000_000 + s * 300,
      positionLong: 60_000_000 + s * 200,
      heartRate: 130 + Math.round(s / 60),
      cadence: 84 + (s % 3),
      fractionalCadence: 0.5,
      stanceTime: 250,
      verticalOscillation: 85,
    });
  }
  write(EVENT, { timestamp: at(seconds - 1), event: 'timer', eventType: 'stopAll' });
  write(SESSION, {
    timestamp: at(seconds - 1),
    startTime: start,
    totalElapsedTime: seconds - 1,
    totalTimerTime: seconds - 1,
    totalDistance: (seconds - 1) * 3,
    sport: 'running',
    subSport: 'generic',
  });
  return encoder.close();
}
