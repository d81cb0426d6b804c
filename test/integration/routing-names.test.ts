import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from 'openai';
import { flushedRecords, MASTER_KEY, startHarness, type Harness } from './gateway-harness.ts';
import { adminGet, chat, counts, FAST_TIMEOUTS, NO_BREAKER, providersYaml, resetEmulators, served } from './routing-helpers.ts';

const ROUTES = `
models:
  gpt-4o:
    aliases: [4o, default]
    targets: [e0/gpt-4o]
  e1/*: e1/*
  e1/special-*:
    targets: [{ provider: e2, model: "special-*-v2" }]
  gpt-*:
    retry: { attempts_per_target: 1 }
    targets: [{ provider: e0, model: "prod-*" }, { provider: e1, model: "gpt-*" }]
  legacy-*: e2/fixed-model
`;

/** Which emulator got the last request, and the model name it was sent. */
function lastUpstream(h: Harness): { emulator: number; model: unknown } {
  const got = h.emulators.map((e, i) => ({ emulator: i, entry: e.log.last() })).filter((x) => x.entry !== undefined);
  assert.equal(got.length, 1, `exactly one emulator should have been called, got ${got.length}`);
  return { emulator: got[0].emulator, model: (got[0].entry!.body as { model?: unknown }).model };
}

describe('model names: exact, aliases, wildcard routes', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ emulators: 3, yaml: (u) => FAST_TIMEOUTS + NO_BREAKER + providersYaml(u, ['e0', 'e1', 'e2']) + ROUTES + '  "*": e2/*\n' });
  });
  beforeEach(() => resetEmulators(h));
  after(() => h.close());

  const routesTo = async (requested: string): Promise<{ emulator: number; model: unknown; header: string | null }> => {
    resetEmulators(h);
    const s = await served(chat(h, requested));
    assert.equal(s.status, 200, `${requested}: ${s.body}`);
    return { ...lastUpstream(h), header: s.model };
  };

  test('an alias reaches its route\'s target; the record keeps the name the client sent', async () => {
    assert.deepEqual(await routesTo('4o'), { emulator: 0, model: 'gpt-4o', header: 'gpt-4o' });
    assert.deepEqual(await routesTo('default'), { emulator: 0, model: 'gpt-4o', header: 'gpt-4o' });
    const s = await served(chat(h, '4o'));
    const record = (await flushedRecords(h)).find((r) => r.id === s.requestId)!;
    assert.equal(record.requestedModel, '4o');
    assert.equal(record.upstreamModel, 'gpt-4o');
  });

  test('provider/* wildcard: the rest of the name is the upstream model, slashes included', async () => {
    assert.deepEqual(await routesTo('e1/some-model'), { emulator: 1, model: 'some-model', header: 'some-model' });
    assert.deepEqual(await routesTo('e1/org/model-7b'), { emulator: 1, model: 'org/model-7b', header: 'org/model-7b' });
  });

  test('exact names beat wildcards, and the longest wildcard prefix wins', async () => {
    assert.deepEqual(await routesTo('gpt-4o'), { emulator: 0, model: 'gpt-4o', header: 'gpt-4o' });
    assert.deepEqual(await routesTo('gpt-4.1'), { emulator: 0, model: 'prod-4.1', header: 'prod-4.1' });
    assert.deepEqual(await routesTo('e1/special-x'), { emulator: 2, model: 'special-x-v2', header: 'special-x-v2' });
  });

  test('a wildcard route\'s fallback target gets its own substitution', async () => {
    h.emulators[0].setScenario({ kind: 'down' });
    const s = await served(chat(h, 'gpt-4.1'));
    assert.equal(s.status, 200);
    assert.equal(s.provider, 'e1');
    assert.equal(s.model, 'gpt-4.1');
    assert.deepEqual(h.emulators[0].log.entries().map((e) => (e.body as { model: string }).model), ['prod-4.1']);
  });

  test('a target without * is sent as written whatever name matched', async () => {
    assert.deepEqual(await routesTo('legacy-davinci'), { emulator: 2, model: 'fixed-model', header: 'fixed-model' });
  });

  test('"*" catches every other name; a bare prefix ending in "/" is not a model name (400 invalid_model_name)', async () => {
    assert.deepEqual(await routesTo('anything-else'), { emulator: 2, model: 'anything-else', header: 'anything-else' });
    const res = await chat(h, 'e1/');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_model_name');
  });

  test('targets created by wildcard routes show on GET /admin/v1/targets with the routes that can reach them', async () => {
    await served(chat(h, 'e1/some-model'));
    await served(chat(h, 'e1/special-y'));
    const { data } = await adminGet<{ data: { key: string; routes: string[]; window_attempts: number }[] }>(h, '/admin/v1/targets');
    const row = (key: string) => data.find((t) => t.key === key);
    assert.deepEqual(row('e1/some-model')?.routes, ['e1/*']);
    assert.ok(row('e1/some-model')!.window_attempts >= 1);
    // The catch-all "*" (target e2/*) can reach e2/special-y-v2 too, by that exact name.
    assert.deepEqual(row('e2/special-y-v2')?.routes, ['e1/special-*', '*']);
    // Concrete targets come first, in config order.
    assert.deepEqual(data.slice(0, 2).map((t) => t.key), ['e0/gpt-4o', 'e2/fixed-model']);
  });

  test('GET /v1/models lists every route and alias for an all-models key, owned by its first target\'s provider', async () => {
    const list = await h.openai().models.list();
    assert.deepEqual(list.data.map((m) => [m.id, m.owned_by]), [
      ['gpt-4o', 'e0'], ['4o', 'e0'], ['default', 'e0'], ['e1/*', 'e1'], ['e1/special-*', 'e2'], ['gpt-*', 'e0'], ['legacy-*', 'e2'], ['*', 'e2'],
    ]);
  });
});

describe('model names without a catch-all route', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ emulators: 3, yaml: (u) => FAST_TIMEOUTS + NO_BREAKER + providersYaml(u, ['e0', 'e1', 'e2']) + ROUTES });
  });
  after(() => h.close());

  test('a name no route serves → 404 model_not_found pointing at /v1/models', async () => {
    for (const name of ['nope', 'E1/x']) {
      const res = await chat(h, name);
      assert.equal(res.status, 404, name);
      assert.deepEqual((await res.json() as { error: unknown }).error, {
        message: `model "${name}" is not configured on this gateway; GET /v1/models lists the models your key can use`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      });
    }
    assert.deepEqual(counts(h), [0, 0, 0]);
  });
});

describe('key model allow-lists with aliases and wildcards', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ emulators: 3, yaml: (u) => FAST_TIMEOUTS + NO_BREAKER + providersYaml(u, ['e0', 'e1', 'e2']) + ROUTES });
  });
  after(() => h.close());

  const status = async (secret: string, model: string, extra: Record<string, unknown> = {}) => {
    const res = await h.post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi [emu tokens=1]' }], ...extra }, { authorization: `Bearer ${secret}` });
    const body = (await res.json()) as { error?: { code: string; param: string; message: string } };
    return { status: res.status, error: body.error };
  };

  test('a key listing a wildcard route may use any name it matches, and nothing else', async () => {
    const key = await h.newKey({ name: 'wild', models: ['e1/*'] });
    assert.equal((await status(key, 'e1/a')).status, 200);
    assert.equal((await status(key, 'e1/org/b')).status, 200);
    const denied = await status(key, 'gpt-4o');
    assert.equal(denied.status, 403);
    assert.equal(denied.error!.code, 'model_not_allowed');
    assert.equal(denied.error!.param, 'model');
    assert.match(denied.error!.message, /^API key sk-sy-\S+… is not allowed to use model "gpt-4o"$/);
    // e1/special-x belongs to the longer route e1/special-*, which the key does not list.
    assert.equal((await status(key, 'e1/special-x')).status, 403);
  });

  test('a key listing one concrete name under a wildcard route may use just that name', async () => {
    const key = await h.newKey({ name: 'one', models: ['e1/one'] });
    assert.equal((await status(key, 'e1/one')).status, 200);
    assert.equal((await status(key, 'e1/two')).status, 403);
  });

  test('a key listing a route may use its aliases; a key listing an alias may use only that alias', async () => {
    const byRoute = await h.newKey({ name: 'route', models: ['gpt-4o'] });
    assert.equal((await status(byRoute, '4o')).status, 200);
    assert.equal((await status(byRoute, 'default')).status, 200);
    const byAlias = await h.newKey({ name: 'alias', models: ['4o'] });
    assert.equal((await status(byAlias, '4o')).status, 200);
    assert.equal((await status(byAlias, 'gpt-4o')).status, 403);
  });

  test('every models fallback must be allowed too, and the error names models', async () => {
    const key = await h.newKey({ name: 'fallbacks', models: ['gpt-4o'] });
    const denied = await status(key, 'gpt-4o', { models: ['e1/x'] });
    assert.equal(denied.status, 403);
    assert.equal(denied.error!.code, 'model_not_allowed');
    assert.equal(denied.error!.param, 'models');
    assert.match(denied.error!.message, /"e1\/x"/);
    assert.equal((await status(key, 'gpt-4o', { models: ['default'] })).status, 200);
  });

  test('GET /v1/models lists only the routes and aliases the key may use', async () => {
    const key = await h.newKey({ name: 'list', models: ['gpt-4o', 'e1/*'] });
    const list = await h.openai(key).models.list();
    assert.deepEqual(list.data.map((m) => m.id), ['gpt-4o', '4o', 'default', 'e1/*']);
    const aliasOnly = await h.newKey({ name: 'alias-only', models: ['4o'] });
    assert.deepEqual((await h.openai(aliasOnly).models.list()).data.map((m) => m.id), ['4o']);
    await assert.rejects(h.openai(key).chat.completions.create({ model: 'legacy-x', messages: [{ role: 'user', content: 'hi' }] }),
      (e: unknown) => e instanceof APIError && e.status === 403);
  });

  test('the admin API accepts aliases and names a wildcard route serves in a key\'s models, and rejects names no route serves', async () => {
    const create = (models: string[]) => fetch(h.url + '/admin/v1/keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin-made', models }),
    });
    const ok = await create(['4o', 'e1/*', 'e1/some-model', 'legacy-x']);
    assert.equal(ok.status, 201, await ok.clone().text());
    const { key } = (await ok.json()) as { key: string };
    assert.equal((await status(key, 'e1/some-model')).status, 200);
    const bad = await create(['gpt-4o', 'nope', 'e1/']);
    assert.equal(bad.status, 400);
    const { error } = (await bad.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'unknown_model');
    assert.match(error.message, /^unknown model\(s\): nope, e1\/;/);
  });
});
