import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsAccess } from '../config/types.ts';
import type { Metrics } from '../observability/metrics.ts';
import { HttpError, sendError } from '../server/http-error.ts';

/**
 * `GET /metrics` as configured by `server.metrics`: the listener that serves it holds one of these.
 * `masterKeyDigest` is the SHA-256 of SWITCHYARD_MASTER_KEY (absent when it is not set).
 */
export interface MetricsEndpoint {
  metrics: Metrics;
  auth: MetricsAccess['auth'];
  masterKeyDigest?: Buffer;
}

export function metricsEndpoint(metrics: Metrics, access: MetricsAccess, masterKey: string | undefined): MetricsEndpoint {
  return { metrics, auth: access.auth, masterKeyDigest: masterKey ? digest(masterKey) : undefined };
}

/** Renders the scrape, after checking the master key when `auth` is `master_key`. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, ep: MetricsEndpoint): void {
  if (ep.auth === 'master_key') {
    if (!ep.masterKeyDigest) {
      return sendError(res, new HttpError(503, 'metrics_disabled', 'metrics_disabled', '/metrics requires the master key (server.metrics.auth: master_key) but SWITCHYARD_MASTER_KEY is not set; restart the gateway with it set'));
    }
    const header = req.headers.authorization ?? '';
    const secret = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!timingSafeEqual(digest(secret), ep.masterKeyDigest)) {
      return sendError(res, new HttpError(401, 'authentication_error', 'master_key_required', '/metrics requires the master key (server.metrics.auth: master_key): send Authorization: Bearer <SWITCHYARD_MASTER_KEY>'));
    }
  }
  const body = ep.metrics.render();
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
