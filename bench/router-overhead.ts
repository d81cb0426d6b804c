/**
 * The router's own CPU cost per request, in process and without the network: route resolution,
 * `models`/`provider` parsing, planning and the executor (breaker admission, attempt log, health
 * statistics) around an attempt that answers at once. Single-target route vs a three-target
 * latency route vs the same with OpenRouter-style preferences. Steady where the HTTP figures are noisy.
 */
import { parseConfigText } from '../src/config/index.ts';
import { routeRequest } from '../src/data-plane/route-request.ts';
import { buildRuntime } from '../src/gateway/runtime.ts';
import { priceBookForConfig } from '../src/gateway/price-book-for-config.ts';
import { loadPriceCatalog } from '../src/pricing/load-price-catalog.ts';
import { adapterFor } from '../src/providers/provider-registry.ts';
import { executeTargets } from '../src/router/execute-targets.ts';
import { TargetHealth } from '../src/router/target-health.ts';
import type { VirtualKeyRecord } from '../src/store/store-types.ts';

const YAML = `
providers:
  a: { type: openai, base_url: http://127.0.0.1:9/v1 }
  b: { type: openai, base_url: http://127.0.0.1:9/v1 }
  c: { type: openai, base_url: http://127.0.0.1:9/v1 }
models:
  single: a/gpt-4o-mini
  routed:
    strategy: latency
    targets: [a/gpt-4o-mini, b/gpt-4o-mini, c/gpt-4o-mini]
`;

export interface RouterOverhead {
  name: string;
  microsPerRequest: number;
}

export async function measureRouterOverhead(iterations = 200_000): Promise<RouterOverhead[]> {
  const parsed = parseConfigText(YAML, {}, 'bench.yaml');
  if (!parsed.ok) throw new Error('router bench config invalid');
  const catalog = await loadPriceCatalog();
  const rt = buildRuntime(parsed.config, priceBookForConfig(catalog, parsed.config), adapterFor).runtime;
  const health = new TargetHealth(parsed.config.routing.breaker);
  const key = { id: 'k', models: null } as unknown as VirtualKeyRecord;
  const client = new AbortController().signal;
  const messages = [{ role: 'user', content: 'benchmark' }];
  const cases = [
    { name: 'single-target route', body: { model: 'single', messages } },
    { name: '3-target latency route', body: { model: 'routed', messages } },
    { name: '3-target + provider prefs', body: { model: 'routed', messages, provider: { order: ['b'], ignore: ['c'], sort: 'latency' } } },
  ];
  const one = async (body: Record<string, unknown>) => {
    const routed = routeRequest(rt, health, key, body, false);
    await executeTargets(routed.plan, routed.policy, { gate: health, client, requestStart: performance.now() }, async () => ({ ok: true, value: 1, outputTokens: 16 }));
  };
  const out: RouterOverhead[] = [];
  for (const c of cases) for (let i = 0; i < 20_000; i++) await one(c.body);
  for (const c of cases) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) await one(c.body);
    out.push({ name: c.name, microsPerRequest: ((performance.now() - t0) * 1000) / iterations });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await measureRouterOverhead()) console.log(`${r.name.padEnd(28)} ${r.microsPerRequest.toFixed(2)} µs/request`);
}
