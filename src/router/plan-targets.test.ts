import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPriceBook } from '../pricing/price-book.ts';
import { planTargets, type PlanContext, type PlanRequest } from './plan-targets.ts';
import { parseRoutingFields } from './provider-preferences.ts';
import { buildRouteTable } from './route-table.ts';
import type { HealthView, ProviderPreferences, ResolvedRoute } from './router-types.ts';
import { fakeHealth, keys, modelConfig, route, seededRandom, target } from './test-routes.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const prices = createPriceBook(
  { version: 't', currency: 'USD', prices: [
    { provider: 'openai', model: 'gpt-4o', effectiveFrom: '2024-08-06', inputPerMTok: 2_500_000, outputPerMTok: 10_000_000, source: 's' },
    { provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', inputPerMTok: 150_000, outputPerMTok: 600_000, source: 's' },
    { provider: 'anthropic', model: 'claude-sonnet-4', effectiveFrom: '2025-05-22', inputPerMTok: 3_000_000, outputPerMTok: 15_000_000, source: 's' },
  ] },
  [],
  { openai: 'openai', azure: 'openai', anthropic: 'anthropic', local: undefined },
);

function ctx(health: HealthView = fakeHealth(), random = seededRandom(1)): PlanContext {
  return { health, prices, random, now: NOW };
}

function request(routes: ResolvedRoute[], preferences?: ProviderPreferences, stream = false): PlanRequest {
  return { routes, preferences, stream, expectedTokens: { input: 1000, output: 500 } };
}

const prefs = (provider: Record<string, unknown>): ProviderPreferences => {
  const parsed = parseRoutingFields({ provider }).provider;
  assert.ok(parsed, 'test preferences must ask for something');
  return parsed;
};

test('a single-target route without preferences returns the route targets as they are', () => {
  const r = route('gpt-4o', ['openai/gpt-4o']);
  const plan = planTargets(request([r]), ctx());
  assert.equal(plan.targets, r.targets);
  assert.deepEqual(plan.excluded, []);
});

test('a priority route with healthy targets in order is returned without copying', () => {
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o', 'local/llama']);
  assert.equal(planTargets(request([r]), ctx()).targets, r.targets);
});

test('priority strategy follows the configured priorities', () => {
  const r = route('m', [target('openai/gpt-4o', { priority: 3 }), target('azure/gpt-4o', { priority: 1 })]);
  assert.deepEqual(keys(planTargets(request([r]), ctx()).targets), ['azure/gpt-4o', 'openai/gpt-4o']);
});

test('weighted strategy draws by weight over many requests', () => {
  const r = route('m', [target('openai/gpt-4o', { weight: 3 }), target('azure/gpt-4o', { weight: 1 })], 'weighted');
  const c = ctx(fakeHealth(), seededRandom(2024));
  let openaiFirst = 0;
  for (let i = 0; i < 4000; i++) {
    const plan = planTargets(request([r]), c);
    assert.equal(plan.targets.length, 2);
    if (plan.targets[0].provider === 'openai') openaiFirst++;
  }
  assert.ok(Math.abs(openaiFirst / 4000 - 0.75) < 0.03, `openai first ${openaiFirst / 4000}`);
});

test('latency strategy uses time to first token for streams', () => {
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o'], 'latency');
  const health = fakeHealth({ 'openai/gpt-4o': { ttftMs: 400, latencyMs: 1000 }, 'azure/gpt-4o': { ttftMs: 200, latencyMs: 3000 } });
  assert.deepEqual(keys(planTargets(request([r], undefined, true), ctx(health)).targets), ['azure/gpt-4o', 'openai/gpt-4o']);
  assert.deepEqual(keys(planTargets(request([r], undefined, false), ctx(health)).targets), ['openai/gpt-4o', 'azure/gpt-4o']);
});

test('least-inflight and cost strategies', () => {
  const busy = fakeHealth({ 'openai/gpt-4o': { inFlight: 9 }, 'azure/gpt-4o': { inFlight: 1 } });
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o'], 'least-inflight');
  assert.deepEqual(keys(planTargets(request([r]), ctx(busy)).targets), ['azure/gpt-4o', 'openai/gpt-4o']);
  const c = route('m', ['local/llama', 'anthropic/claude-sonnet-4', 'openai/gpt-4o-mini'], 'cost');
  assert.deepEqual(keys(planTargets(request([c]), ctx()).targets), ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4', 'local/llama']);
});

test('provider.sort overrides the route strategy', () => {
  const r = route('m', ['anthropic/claude-sonnet-4', 'openai/gpt-4o-mini'], 'priority');
  assert.deepEqual(keys(planTargets(request([r], prefs({ sort: 'price' })), ctx()).targets), ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
  const health = fakeHealth({ 'anthropic/claude-sonnet-4': { throughput: 50 }, 'openai/gpt-4o-mini': { throughput: 150 } });
  assert.deepEqual(keys(planTargets(request([r], prefs({ sort: 'throughput' })), ctx(health)).targets), ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
  const slow = fakeHealth({ 'anthropic/claude-sonnet-4': { latencyMs: 900 }, 'openai/gpt-4o-mini': { latencyMs: 300 } });
  assert.deepEqual(keys(planTargets(request([r], prefs({ sort: 'latency' })), ctx(slow)).targets), ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
});

test('filters, then strategy, then provider.order', () => {
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o', 'anthropic/claude-sonnet-4', 'local/llama']);
  const plan = planTargets(request([r], prefs({ ignore: ['local'], order: ['anthropic', 'azure'] })), ctx());
  assert.deepEqual(keys(plan.targets), ['anthropic/claude-sonnet-4', 'azure/gpt-4o', 'openai/gpt-4o']);
  assert.deepEqual(plan.excluded, [{ key: 'local/llama', reason: 'ignored by provider.ignore' }]);
});

test('allow_fallbacks false: only the order providers, or only the first target', () => {
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o', 'anthropic/claude-sonnet-4']);
  const ordered = planTargets(request([r], prefs({ order: ['azure'], allow_fallbacks: false })), ctx());
  assert.deepEqual(keys(ordered.targets), ['azure/gpt-4o']);
  const first = planTargets(request([r], prefs({ allow_fallbacks: false, sort: 'price' })), ctx());
  assert.deepEqual(keys(first.targets), ['openai/gpt-4o'], 'the cheapest priced target: gpt-4o on openai ties azure, priority wins');
});

test('models fallbacks are concatenated after the primary route, each key once', () => {
  const table = buildRouteTable({
    'gpt-4o': modelConfig('gpt-4o', [target('openai/gpt-4o'), target('azure/gpt-4o')]),
    'openai/*': modelConfig('openai/*', [target('openai/*')]),
    claude: modelConfig('claude', [target('anthropic/claude-sonnet-4'), target('azure/gpt-4o')]),
  });
  const routes = ['gpt-4o', 'claude', 'openai/gpt-4o', 'openai/gpt-4o-mini'].map((name) => table.resolve(name)!);
  const plan = planTargets(request(routes), ctx());
  assert.deepEqual(keys(plan.targets), ['openai/gpt-4o', 'azure/gpt-4o', 'anthropic/claude-sonnet-4', 'openai/gpt-4o-mini']);
  assert.deepEqual(plan.targets.map((t) => t.route), ['gpt-4o', 'gpt-4o', 'claude', 'openai/*']);
});

test('preferences apply to every fallback route, and exclusions are listed once per key', () => {
  const routes = [route('a', ['openai/gpt-4o', 'local/llama']), route('b', ['local/llama', 'anthropic/claude-sonnet-4'])];
  const plan = planTargets(request(routes, prefs({ ignore: ['local'] })), ctx());
  assert.deepEqual(keys(plan.targets), ['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
  assert.deepEqual(plan.excluded, [{ key: 'local/llama', reason: 'ignored by provider.ignore' }]);
});

test('a target excluded in one route but planned in another is not reported as excluded', () => {
  const routes = [route('a', ['openai/gpt-4o', 'azure/gpt-4o']), route('b', ['azure/gpt-4o'])];
  const plan = planTargets(request(routes, prefs({ allow_fallbacks: false })), ctx());
  assert.deepEqual(keys(plan.targets), ['openai/gpt-4o', 'azure/gpt-4o']);
  assert.deepEqual(plan.excluded, []);
});

test('unavailable targets move behind available ones within their route, in order', () => {
  const r = route('m', ['openai/gpt-4o', 'azure/gpt-4o', 'anthropic/claude-sonnet-4', 'local/llama']);
  const health = fakeHealth({}, ['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
  assert.deepEqual(keys(planTargets(request([r]), ctx(health)).targets), ['azure/gpt-4o', 'local/llama', 'openai/gpt-4o', 'anthropic/claude-sonnet-4']);
  const second = route('n', ['local/other']);
  assert.deepEqual(keys(planTargets(request([r, second]), ctx(health)).targets),
    ['azure/gpt-4o', 'local/llama', 'openai/gpt-4o', 'anthropic/claude-sonnet-4', 'local/other'], 'demotion stays within the route');
});

test('when nothing remains, the plan says why for every target', () => {
  const r = route('gpt-4o', [target('openai/gpt-4o'), target('local/llama', { dataPolicy: { dataCollection: 'deny', zdr: false } })]);
  const plan = planTargets(request([r], prefs({ zdr: true, ignore: ['openai'] })), ctx());
  assert.deepEqual(plan.targets, []);
  assert.deepEqual(plan.excluded, [
    { key: 'openai/gpt-4o', reason: 'ignored by provider.ignore' },
    { key: 'local/llama', reason: 'not a zero-data-retention target, and provider.zdr is true' },
  ]);
});

test('the max_price filter uses the price book at the request time', () => {
  const r = route('m', ['openai/gpt-4o', 'openai/gpt-4o-mini']);
  const plan = planTargets(request([r], prefs({ max_price: { prompt: 1, completion: '1' } })), ctx());
  assert.deepEqual(keys(plan.targets), ['openai/gpt-4o-mini']);
  assert.equal(plan.excluded[0].reason, 'prompt price $2.50 per million tokens is above provider.max_price.prompt ($1.00)');
});
