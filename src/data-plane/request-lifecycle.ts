import type { ServerResponse } from 'node:http';
import type { Runtime } from '../gateway/runtime.ts';
import type { BodyLimits } from '../server/read-json-body.ts';

export function bodyLimits(rt: Runtime): BodyLimits {
  const s = rt.config.server;
  return { maxBodyBytes: s.limits.maxBodyBytes, maxJsonDepth: s.limits.maxJsonDepth, timeoutMs: s.timeouts.clientBodyMs };
}

/** An abort signal that fires when the client goes away before the response is complete. */
export function watchClient(res: ServerResponse): AbortController {
  const ctrl = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ctrl.abort(new Error('client disconnected'));
  });
  return ctrl;
}
