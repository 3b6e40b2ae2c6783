import { backends, useTestDb } from '@runcue/store/testing';
import { createAthlete, type Athlete } from '@runcue/store';
import { seedRun } from '@runcue/operations/testing';
import { weeklyReview } from '@runcue/operations';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { renderRunSummaryMail, renderWeeklyReviewMail } from '../src/index.ts';
import { createRenderPool, drawInThread } from '../src/render-pool.ts';

// `runcue start` draws its emails in a worker thread; what it sends must be what this thread draws.
describe.each(backends)('the render pool on $name', (backend) => {
  const t = useTestDb(backend);
  const pool = createRenderPool();
  afterAll(() => pool.close());
  let athlete: Athlete;
  let activityId: string;
  const now = new Date('2026-11-23T07:00:00Z');
  const links = [{ label: 'Turn off post-run emails', url: 'http://127.0.0.1:1/unsubscribe' }];

  beforeEach(async () => {
    athlete = await createAthlete(
      t.db,
      { name: 'Ada', email: 'ada@example.org', timeZone: 'Europe/Berlin' },
      new Date('2026-01-01T00:00:00Z'),
    );
    activityId = await seedRun(t.db, athlete.id, new Date('2026-11-18T06:30:00Z'));
  });

  it('draws a post-run summary exactly as this thread does, charts included', async () => {
    const inWorker = await renderRunSummaryMail(t.db, athlete, activityId, now, links, pool.draw);
    const here = await renderRunSummaryMail(t.db, athlete, activityId, now, links);
    expect(inWorker.images.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(here);
  });

  it('draws a weekly review exactly as this thread does', async () => {
    const inWorker = await renderWeeklyReviewMail(t.db, athlete, '2026-W47', now, links, pool.draw);
    expect(inWorker).toEqual(await renderWeeklyReviewMail(t.db, athlete, '2026-W47', now, links));
  });

  it("rejects with the report's own code when a report cannot be drawn", async () => {
    const review = await weeklyReview(t.db, athlete, '2026-W47', now);
    const input = {
      athlete: { name: 'Ada', units: 'km' as const, thresholdSpm: 170 },
      trends: { ...review.trends, weeks: [] },
      advice: null,
    };
    const task = { kind: 'weekly-review' as const, input };
    await expect(pool.draw(task)).rejects.toMatchObject({ code: 'REPORT_NO_WEEKS' });
    await expect(drawInThread(task)).rejects.toMatchObject({ code: 'REPORT_NO_WEEKS' });
  });
});
