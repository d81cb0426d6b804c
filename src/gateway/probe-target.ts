import { translatedJsonAttempt } from '../data-plane/translated-json-attempt.ts';
import type { Runtime } from './runtime.ts';

/**
 * The active health check for one target (`provider/model`): the smallest real request its
 * provider serves (one user word, one output token) through the provider's own adapter, so the
 * probe exercises the same credentials, signing and endpoint as traffic. True when it answered.
 */
export function createTargetProbe(runtime: () => Runtime, timeoutMs: () => number): (key: string, signal: AbortSignal) => Promise<boolean> {
  return async (key, signal) => {
    const slash = key.indexOf('/');
    const p = runtime().providers.get(key.slice(0, slash));
    if (!p?.adapter) return false;
    const model = key.slice(slash + 1);
    const r = await translatedJsonAttempt(p, p.adapter, {
      model,
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }],
      tools: [],
      maxOutputTokens: 1,
      stream: false,
    }, { signal, timeouts: { ...p.config.timeouts, totalMs: timeoutMs() } });
    return r.ok;
  };
}
