import assert from 'node:assert/strict';
import { MASTER_KEY, UPSTREAM_KEY, type Harness } from './gateway-harness.ts';

/** `providers:` YAML with one OpenAI-wire provider per id, provider i on emulator i, plus extra per-provider lines. */
export function providersYaml(urls: string[], ids: string[], extra: Record<string, string> = {}): string {
  return 'providers:\n' + ids.map((id, i) => `  ${id}: { type: openai, base_url: ${urls[i]}/v1, api_key: ${UPSTREAM_KEY}${extra[id] ? ', ' + extra[id] : ''} }\n`).join('');
}

/** Short upstream timeouts so a test never waits on defaults meant for real providers. */
export const FAST_TIMEOUTS = 'upstream_defaults:\n  timeouts: { connect_ms: 2000, first_byte_ms: 3000, idle_ms: 2000, total_ms: 10000 }\n';

/** A breaker that never opens during a test that fails targets on purpose. */
export const NO_BREAKER = 'routing:\n  breaker: { consecutive_failures: 1000, min_requests: 1000000 }\n';

/** One-token chat completion through the gateway (raw HTTP, so headers and error bodies are visible). */
export function chat(h: Harness, model: string, extra: Record<string, unknown> = {}, content = 'hi [emu tokens=1]'): Promise<Response> {
  return h.post('/v1/chat/completions', { model, messages: [{ role: 'user', content }], ...extra });
}

export interface Served {
  status: number;
  provider: string | null;
  model: string | null;
  attempts: string | null;
  requestId: string | null;
  body: string;
}

/** Reads a response to the end with the routing headers. */
export async function served(res: Response | Promise<Response>): Promise<Served> {
  const r = await res;
  const body = await r.text();
  return {
    status: r.status,
    provider: r.headers.get('x-switchyard-provider'),
    model: r.headers.get('x-switchyard-model'),
    attempts: r.headers.get('x-switchyard-attempts'),
    requestId: r.headers.get('x-request-id'),
    body,
  };
}

/** Asserts a 200 and returns the provider that answered. */
export async function answeredBy(res: Response | Promise<Response>): Promise<string> {
  const s = await served(res);
  assert.equal(s.status, 200, s.body);
  assert.ok(s.provider, 'x-switchyard-provider missing');
  return s.provider;
}

/** Every emulator healthy with an empty log. */
export function resetEmulators(h: Harness): void {
  for (const e of h.emulators) {
    e.setScenario({ kind: 'healthy' });
    e.setDefaults({});
    e.log.clear();
  }
}

/** Requests each emulator received since its log was cleared. */
export const counts = (h: Harness): number[] => h.emulators.map((e) => e.log.count());

/** GET on the admin API with the master key. */
export async function adminGet<T>(h: Harness, path: string): Promise<T> {
  const res = await fetch(h.url + path, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as T;
}

/** Resolves once `check` holds, polling every 5 ms; fails the test after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Requests an emulator is serving right now. */
export const pending = (h: Harness, i: number): number => h.emulators[i].log.entries().filter((e) => e.outcome === 'pending').length;
