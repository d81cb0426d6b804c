import type { ServerResponse } from 'node:http';
import type { Runtime } from '../gateway/runtime.ts';
import type { BodyLimits } from '../server/read-json-body.ts';
import type { LiveRequests } from './live-requests.ts';

export function bodyLimits(rt: Runtime): BodyLimits {
  const s = rt.config.server;
  return { maxBodyBytes: s.limits.maxBodyBytes, maxJsonDepth: s.limits.maxJsonDepth, timeoutMs: s.timeouts.clientBodyMs };
}

/**
 * An abort signal that fires when the client goes away before the response is complete, or when
 * shutdown ends the request (reason `ShutdownCut`); registered in `live` until the response closes.
 */
export function watchClient(res: ServerResponse, live: LiveRequests): AbortController {
  const ctrl = new AbortController();
  live.add(ctrl);
  res.once('close', () => {
    live.delete(ctrl);
    if (!res.writableFinished) ctrl.abort(new Error('client disconnected'));
  });
  return ctrl;
}
