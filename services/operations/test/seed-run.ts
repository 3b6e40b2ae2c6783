import { createHash } from 'node:crypto';
import { analyseRun } from '@runcue/analysis';
import { decodeFit, type Activity } from '@runcue/fit';
import { insertActivity, insertFile, saveAnalysis, saveSamples, type Db } from '@runcue/store';
import { corpusBytes } from '@runcue/scripts/fixtures';

let base: { activity: Activity; analysis: ReturnType<typeof analyseRun> } | null = null;
let counter = 0;

/**
 * Stores one real corpus run (ActivityLog2/920xt-run.fit, decoded and analysed) for an athlete,
 * re-dated to `start`, as ingest would have: file, activity, samples and analysis. `distanceM` and
 * `cadenceSpm` give it another distance (run at 3 m/s) and median cadence. Returns the activity id.
 */
export async function seedRun(
  db: Db,
  athleteId: string,
  start: Date,
  shape: { distanceM?: number; cadenceSpm?: number } = {},
): Promise<string> {
  if (base === null) {
    const activity = decodeFit(corpusBytes('ActivityLog2/920xt-run.fit'));
    base = { activity, analysis: analyseRun(activity) };
  }
  counter += 1;
  const sha256 = createHash('sha256').update(`seeded run ${counter} ${start.toISOString()}`).digest('hex');
  const fileId = await insertFile(db, {
    athleteId,
    sha256,
    sizeBytes: 0,
    originalName: `seed-${counter}.fit`,
    arrival: 'cli',
    fromArchive: false,
    origin: null,
    bytes: null,
    status: 'imported',
    receivedAt: start,
  });
  if (fileId === null) throw new Error('seed file clash');
  const activity: Activity = {
    ...base.activity,
    sha256,
    startTime: start.toISOString(),
    fileId: { ...base.activity.fileId, serialNumber: counter, timeCreated: start.toISOString() },
  };
  let analysis = base.analysis;
  if (shape.distanceM !== undefined) {
    const runningTimeS = shape.distanceM / 3;
    analysis = {
      ...analysis,
      summary: { ...analysis.summary, distanceM: shape.distanceM, runningTimeS },
      cadence: { ...analysis.cadence, coveredS: runningTimeS },
    };
  }
  if (shape.cadenceSpm !== undefined)
    analysis = { ...analysis, cadence: { ...analysis.cadence, medianSpm: shape.cadenceSpm } };
  const id = await insertActivity(db, {
    athleteId,
    fileId,
    activity,
    distanceM: analysis.summary.distanceM,
    movingTimeS: shape.distanceM === undefined ? analysis.summary.movingTimeS : shape.distanceM / 3,
    shoeId: null,
    createdAt: start,
  });
  if (id === null) throw new Error('seed activity clash');
  await saveSamples(db, id, activity.samples);
  await saveAnalysis(db, id, analysis, start);
  return id;
}
