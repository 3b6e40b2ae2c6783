import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveLimits, createIngestFile, silentLogger, type IngestItem } from '@runcue/operations';
import { corpusBytes, corpusPath, writeZip } from '@runcue/scripts/fixtures';
import { createAthlete, createToken, listFiles, listOutbox } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { createApi } from '../src/api/create-api.ts';
import { createFolderWatcher, type FolderWatcher } from '../src/folder-watcher.ts';

// Two hours after this run started: loose, it has just come off the watch and gets a summary.
const RUN = 'ActivityLog2/920xt-run.fit';
const NOW = new Date('2014-12-28T23:40:00Z');
const clock = () => NOW;
const MAX = 50 * 1024 * 1024;

/**
 * Regression: a zip was treated as an archive only when `runcue import` read it. Dropped in a
 * watched folder or uploaded, a Garmin Connect export was tagged 'folder' or 'upload', so each
 * recent run in it queued a post-run email. A zip is an export however it arrives.
 */
describe.each(backends)('a Garmin export zip queues no post-run email on $name (regression)', (backend) => {
  const t = useTestDb(backend);
  let dir: string;
  let watcher: FolderWatcher | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-export-'));
  });
  afterEach(async () => {
    await watcher?.stop();
    watcher = null;
    await rm(dir, { recursive: true, force: true });
  });

  const summaries = async () => (await listOutbox(t.db)).filter((r) => r.kind === 'run-summary').length;

  it('dropped in a watched folder: stored as from an archive, no email; the same run loose is emailed', async () => {
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, NOW);
    const bob = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, NOW);
    await mkdir(path.join(dir, 'ada'));
    await mkdir(path.join(dir, 'bob'));
    await writeFile(
      path.join(dir, 'ada', 'export.zip'),
      writeZip([{ name: 'DI_CONNECT/UploadedFiles/run.fit', data: corpusBytes(RUN) }]),
    );
    await copyFile(corpusPath(RUN), path.join(dir, 'bob', 'run.fit'));
    const results: IngestItem[] = [];
    let done: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (done = resolve));
    watcher = createFolderWatcher({
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock, maxBytes: MAX }),
      folders: [
        { path: path.join(dir, 'ada'), athleteId: ada.id },
        { path: path.join(dir, 'bob'), athleteId: bob.id },
      ],
      limits: archiveLimits(MAX),
      logger: silentLogger,
      now: clock,
      stableMs: 200,
      onResult: (r) => {
        results.push(r);
        if (results.length === 2) done();
      },
    });
    await both;
    expect(results.map((r) => `${path.basename(r.name)}:${r.outcome.status}`).sort()).toEqual([
      'run.fit:imported',
      'run.fit:imported',
    ]);
    const zipped = await listFiles(t.db, { athleteId: ada.id });
    expect(zipped.map((f) => [f.arrival, f.fromArchive])).toEqual([['folder', true]]);
    const outbox = await listOutbox(t.db);
    expect(outbox.map((r) => [r.kind, r.athleteId])).toEqual([['run-summary', bob.id]]);
  });

  it('uploaded: answers per file, stores it as from an archive and queues no email; the run alone is emailed', async () => {
    const ada = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, NOW);
    const bob = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, NOW);
    const { token } = await createToken(t.db, ada.id, null, randomBytes(32), NOW);
    const bobToken = (await createToken(t.db, bob.id, null, randomBytes(32), NOW)).token;
    const app = createApi({
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock, maxBytes: MAX }),
      maxBytes: MAX,
      logger: silentLogger,
      clock,
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads?name=export.zip',
        payload: Buffer.from(writeZip([{ name: 'DI_CONNECT/run.fit', data: corpusBytes(RUN) }])),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json<{ imported: number }>().imported).toBe(1);
      expect((await listFiles(t.db, { athleteId: ada.id })).map((f) => [f.arrival, f.fromArchive])).toEqual([
        ['upload', true],
      ]);
      expect(await summaries()).toBe(0);
      // The same run uploaded on its own has just come off the watch: it is emailed.
      const loose = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads?name=run.fit',
        payload: Buffer.from(corpusBytes(RUN)),
        headers: { authorization: `Bearer ${bobToken}`, 'content-type': 'application/octet-stream' },
      });
      expect(loose.statusCode).toBe(201);
      expect(await summaries()).toBe(1);
    } finally {
      await app.close();
    }
  });
});
