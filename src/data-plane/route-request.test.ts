import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Runtime } from '../gateway/runtime.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { buildRouteTable } from '../router/route-table.ts';
import { fakeHealth, keys, modelConfig, target } from '../router/test-routes.ts';
import { HttpError } from '../server/http-error.ts';
import type { VirtualKeyRecord } from '../store/store-types.ts';
import { routeRequest } from './route-request.ts';

const NO_PRICES: PriceBook = { catalogVersion: 'test', lookup: () => undefined };
const runtime = {
  routes: buildRouteTable({
    chat: modelConfig('chat', [target('a/m')], { aliases: ['assistant'] }),
    'b/*': modelConfig('b/*', [target('b/*')]),
  }),
  prices: NO_PRICES,
} as Pick<Runtime, 'routes' | 'prices'> as Runtime;

const keyFor = (models: string[] | null): VirtualKeyRecord =>
  ({ id: 'key_1', name: 'k', prefix: 'sk-sy-test', hash: '', role: 'user', models, createdAt: 0, expiresAt: null, revokedAt: null });

const route = (models: string[] | null, body: Record<string, unknown>) =>
  routeRequest(runtime, fakeHealth(), keyFor(models), { messages: [], ...body }, false);

const denied = (param: string) => (err: unknown) =>
  err instanceof HttpError && err.status === 403 && err.code === 'model_not_allowed' && err.param === param;

test('models fallbacks and wildcard matches plan in order', () => {
  assert.deepEqual(keys(route(null, { model: 'assistant', models: ['b/x'] }).plan), ['a/m', 'b/x']);
});

test('a key may use a wildcard match it lists by name or by route', () => {
  assert.deepEqual(keys(route(['b/x'], { model: 'b/x' }).plan), ['b/x']);
  assert.deepEqual(keys(route(['b/*'], { model: 'b/y' }).plan), ['b/y']);
  assert.throws(() => route(['b/x'], { model: 'b/y' }), denied('model'));
});

test('a fallback model the key may not use is refused with param "models"', () => {
  assert.throws(() => route(['chat'], { model: 'chat', models: ['b/x'] }), denied('models'));
});

test('without "model", the first models entry is the primary and its errors name "models"', () => {
  assert.throws(() => route(['chat'], { models: ['b/x', 'chat'] }), denied('models'));
  assert.throws(() => route(null, { models: ['nope'] }), (err: unknown) => err instanceof HttpError && err.status === 404 && err.param === 'models');
  assert.throws(() => route(['b/*'], { model: 'chat' }), denied('model'));
});
