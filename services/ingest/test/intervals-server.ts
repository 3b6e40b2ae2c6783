/**
 * A local HTTP server that speaks the two intervals.icu endpoints runcue reads, as the published
 * OpenAPI document describes them: HTTP Basic with the user `API_KEY` and the key as password
 * (401 otherwise; a Bearer token that is not an OAuth token gets 403), `GET
 * /api/v1/athlete/{id}/activities` with `oldest` (required), `newest` (inclusive, default now),
 * `limit` and `fields` (only those fields, nulls left out), newest first, Strava activities as
 * stubs; and `GET /api/v1/activity/{id}/file` with the original file gzipped (404 for an unknown
 * or Strava activity). Faults are queued per route to play 429 with Retry-After, 5xx, broken or
 * huge bodies and hangs. It binds an ephemeral port on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface ServedActivity {
  id: string;
  start_date_local: string;
  type?: string | null;
  file_type?: string | null;
  source?: string | null;
  name?: string | null;
  /** The original upload; served gzipped. */
  file?: Uint8Array;
}

export type Route = 'list' | 'file';

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  /** A body to send instead of the real one (with status 200 unless `status` says otherwise). */
  body?: string | Uint8Array;
  /** Stream this many bytes of JSON-looking filler instead of an answer. */
  hugeBytes?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export interface ServedRequest {
  route: Route | 'other';
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface IntervalsTestServer extends AsyncDisposable {
  readonly url: string;
  readonly activities: ServedActivity[];
  readonly requests: ServedRequest[];
  /** The next requests on `route` get these faults, one each, in order. */
  failNext(route: Route, ...faults: Fault[]): void;
  /** How many times an activity's file was served in full. */
  downloads(id: string): number;
  close(): Promise<void>;
}

export interface IntervalsServerOptions {
  athleteId: string;
  apiKey: string;
  /** The athlete's local "now", the default of `newest`. */
  now?: () => string;
  /** Send the file with `Content-Encoding: gzip` instead of as a .gz body. */
  transportGzip?: boolean;
}

export async function startIntervalsServer(opts: IntervalsServerOptions): Promise<IntervalsTestServer> {
  const activities: ServedActivity[] = [];
  const requests: ServedRequest[] = [];
  const faults: Record<Route, Fault[]> = { list: [], file: [] };
  const served = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const now = opts.now ?? (() => new Date().toISOString().slice(0, 19));
  const basic = `Basic ${Buffer.from(`API_KEY:${opts.apiKey}`).toString('base64')}`;

  const send = (res: ServerResponse, status: number, body: string | Uint8Array, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, log: ServedRequest): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    log.path = url.pathname;
    log.query = Object.fromEntries(url.searchParams);
    const list = /^\/api\/v1\/athlete\/([^/]+)\/activities$/.exec(url.pathname);
    const file = /^\/api\/v1\/activity\/([^/]+)\/file$/.exec(url.pathname);
    log.route = list ? 'list' : file ? 'file' : 'other';
    const auth = req.headers.authorization ?? '';
    if (auth !== basic) {
      log.status = auth.startsWith('Bearer ') ? 403 : 401;
      send(res, log.status, JSON.stringify({ status: log.status, error: 'Access denied' }));
      return;
    }
    if (log.route === 'other' || req.method !== 'GET') {
      log.status = 404;
      send(res, 404, JSON.stringify({ status: 404, error: 'Not found' }));
      return;
    }
    const fault = faults[log.route].shift();
    if (fault) {
      if (fault.hang) {
        hanging.add(res);
        log.status = 0;
        return;
      }
      if (fault.hugeBytes !== undefined) {
        log.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        chunk[0] = 0x5b;
        let left = fault.hugeBytes;
        const pump = () => {
          while (left > 0) {
            const n = Math.min(left, chunk.length);
            left -= n;
            if (!res.write(chunk.subarray(0, n))) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      log.status = fault.status ?? 200;
      send(
        res,
        log.status,
        fault.body ?? JSON.stringify({ status: log.status, error: 'fault' }),
        fault.headers,
      );
      return;
    }
    if (list) {
      const id = decodeURIComponent(list[1] ?? '');
      if (id !== opts.athleteId && id !== '0') {
        log.status = 403;
        send(res, 403, JSON.stringify({ status: 403, error: 'Access denied' }));
        return;
      }
      const oldest = url.searchParams.get('oldest');
      if (oldest === null) {
        log.status = 400;
        send(res, 400, JSON.stringify({ status: 400, error: 'oldest is required' }));
        return;
      }
      const from = asLocal(oldest, 'start');
      const to = asLocal(url.searchParams.get('newest') ?? now(), 'end');
      const limit = Number(url.searchParams.get('limit') ?? Infinity);
      const fields = url.searchParams.get('fields')?.split(',') ?? null;
      const rows = activities
        .filter((a) => a.start_date_local >= from && a.start_date_local <= to)
        .sort((a, b) => b.start_date_local.localeCompare(a.start_date_local))
        .slice(0, limit)
        .map((a) => project(a, fields));
      log.status = 200;
      send(res, 200, JSON.stringify(rows));
      return;
    }
    const id = decodeURIComponent(file?.[1] ?? '');
    const a = activities.find((x) => x.id === id);
    if (!a?.file || a.source === 'STRAVA') {
      log.status = 404;
      send(res, 404, JSON.stringify({ status: 404, error: 'Activity not found' }));
      return;
    }
    log.status = 200;
    served.set(id, (served.get(id) ?? 0) + 1);
    const gz = gzipSync(a.file);
    send(
      res,
      200,
      gz,
      opts.transportGzip
        ? { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }
        : {
            'content-type': 'application/octet-stream',
            'content-disposition': `attachment; filename="${id}.fit.gz"`,
          },
    );
  };

  const server = createServer((req, res) => {
    const log: ServedRequest = { route: 'other', path: '', query: {}, status: 0 };
    requests.push(log);
    handle(req, res, log);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
    return closing;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    activities,
    requests,
    failNext: (route, ...f) => faults[route].push(...f),
    downloads: (id) => served.get(id) ?? 0,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A date alone means the start (oldest) or the end (newest, inclusive) of that day. */
function asLocal(value: string, edge: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${edge === 'start' ? '00:00:00' : '23:59:59'}`;
  return value;
}

function project(a: ServedActivity, fields: string[] | null): Record<string, unknown> {
  const stub = a.source === 'STRAVA';
  const all: Record<string, unknown> = stub
    ? {
        id: a.id,
        icu_athlete_id: 'i1',
        start_date_local: a.start_date_local,
        source: 'STRAVA',
        _note: 'STRAVA activities are not available via the API',
      }
    : {
        id: a.id,
        start_date_local: a.start_date_local,
        type: a.type ?? 'Run',
        file_type: a.file_type === undefined ? 'fit' : a.file_type,
        source: a.source ?? 'GARMIN_CONNECT',
        name: a.name ?? `Run ${a.id}`,
        distance: 10000,
        moving_time: 3000,
      };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (fields !== null && !fields.includes(k)) continue;
    if (fields !== null && v === null) continue;
    out[k] = v;
  }
  return out;
}
