import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin, type AdminDeps } from '../admin/handle-admin.ts';
import type { DataPlaneDeps } from '../data-plane/data-plane-deps.ts';
import { handleDataPlane } from '../data-plane/handle-data-plane.ts';
import { endFailedResponse } from '../server/end-failed-response.ts';
import { HttpError, sendError, sendJson } from '../server/http-error.ts';
import { serveMetrics, type MetricsEndpoint } from './serve-metrics.ts';

export interface HttpEntryDeps {
  dataPlane: DataPlaneDeps;
  /** Absent when the admin API listens on its own port. */
  admin?: AdminDeps;
  /** Absent when `/metrics` is served on the admin listener. */
  metrics?: MetricsEndpoint;
  ready: () => boolean;
}

/** The one request listener: splits the URL once and hands the request to its plane. */
export function createHttpEntry(deps: HttpEntryDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path.startsWith('/v1/')) {
      void handleDataPlane(req, res, path, deps.dataPlane);
      return;
    }
    if (deps.admin && path.startsWith('/admin/')) {
      serveAdmin(req, res, path, url, q, deps.admin);
      return;
    }
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') return deps.ready() ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'not ready' });
    if (deps.metrics && path === '/metrics') return serveMetrics(req, res, deps.metrics);
    sendError(res, new HttpError(404, 'invalid_request_error', 'unknown_endpoint', `no endpoint ${req.method} ${path}`));
  };
}

/** Listener for a separate admin port: admin API plus health, and `/metrics` when configured there. */
export function createAdminEntry(admin: AdminDeps, metrics?: MetricsEndpoint): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path.startsWith('/admin/')) {
      serveAdmin(req, res, path, url, q, admin);
      return;
    }
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (metrics && path === '/metrics') return serveMetrics(req, res, metrics);
    sendError(res, new HttpError(404, 'invalid_request_error', 'unknown_endpoint', `no endpoint ${req.method} ${path} on the admin listener`));
  };
}

/**
 * Runs the admin handler, which answers its own errors; should anything still escape it, the
 * request ends with a 500 (or a cut) and the failure is logged, rather than rejecting unobserved.
 */
function serveAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: string, q: number, admin: AdminDeps): void {
  handleAdmin(req, res, path, new URLSearchParams(q === -1 ? '' : url.slice(q + 1)), admin).catch((err: unknown) => {
    admin.log.error('admin API failure escaped its handler', { path, error: err });
    const internal = new HttpError(500, 'server_error', 'internal_error', 'internal error; the gateway logged the details');
    endFailedResponse(res, () => sendError(res, internal), {}, admin.log, '');
  });
}
