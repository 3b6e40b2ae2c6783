import type { FastifyInstance, FastifyReply } from 'fastify';
import { EMAIL_SWITCHES, getAthlete, updateAthlete, type Db } from '@runcue/store';
import { ApiError } from '../api/error-codes.ts';

/** Checks an unsubscribe link's signature (the notifier's `UnsubscribeLinks` has this method). */
export interface UnsubscribeVerifier {
  verify(athleteId: string, kind: string, signature: string): boolean;
}

const WHAT = { 'run-summary': 'post-run emails', 'weekly-review': 'the weekly review' } as const;

function isKind(kind: string): kind is keyof typeof EMAIL_SWITCHES {
  return Object.hasOwn(EMAIL_SWITCHES, kind);
}

/**
 * `/unsubscribe/<athlete>/<kind>/<signature>`, the link in every email and its `List-Unsubscribe`
 * header. GET shows a page with one button (mail scanners that fetch links turn nothing off);
 * POST — that button, or a mail client's one-click `List-Unsubscribe=One-Click` (RFC 8058) —
 * turns that kind of email off in the runner's settings. A link whose signature does not match is
 * refused with 403 UNSUBSCRIBE_LINK_INVALID, before anything is looked up.
 */
export function registerUnsubscribeRoutes(
  app: FastifyInstance,
  opts: { db: Db; links: UnsubscribeVerifier },
): void {
  // Browsers post the button as a form; the body carries nothing runcue needs.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  const check = async (params: unknown) => {
    const { athleteId = '', kind = '', signature = '' } = params as Record<string, string | undefined>;
    if (!isKind(kind) || !opts.links.verify(athleteId, kind, signature))
      throw new ApiError(
        'UNSUBSCRIBE_LINK_INVALID',
        'This unsubscribe link is not one runcue signed (it may have been cut short); use the link in the email as it is.',
      );
    const athlete = await getAthlete(opts.db, athleteId);
    if (!athlete)
      throw new ApiError('NOT_FOUND', 'This runner is no longer on runcue; nothing is sent to them.');
    return { athlete, kind };
  };

  const route = '/unsubscribe/:athleteId/:kind/:signature';
  app.get(route, async (request, reply) => {
    const { athlete, kind } = await check(request.params);
    return page(
      reply,
      `Turn off ${WHAT[kind]}?`,
      `<p>runcue sends ${WHAT[kind]} to ${escapeHtml(athlete.email)}.</p>
<form method="post"><button type="submit" style="font-size:16px;padding:8px 16px;">Turn off ${WHAT[kind]}</button></form>`,
    );
  });
  app.post(route, async (request, reply) => {
    const { athlete, kind } = await check(request.params);
    await updateAthlete(opts.db, athlete.id, {
      settings: { ...athlete.settings, [EMAIL_SWITCHES[kind]]: false },
    });
    const flag = kind === 'run-summary' ? '--run-emails' : '--weekly-review';
    return page(
      reply,
      `${WHAT[kind][0]?.toUpperCase() ?? ''}${WHAT[kind].slice(1)}: off`,
      `<p>runcue sends no more ${WHAT[kind]} to ${escapeHtml(athlete.email)}. To have them again: <code>runcue athlete set ${escapeHtml(athlete.email)} ${flag} on</code></p>`,
    );
  });
}

function page(reply: FastifyReply, title: string, body: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;"><h1 style="font-size:20px;">${title}</h1>${body}</body></html>`,
    );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
