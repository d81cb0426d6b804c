import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Runtime } from '../gateway/runtime.ts';
import { openAIWireFields } from '../providers/openai/openai-request-fields.ts';
import type { PlannedTarget } from '../router/router-types.ts';
import { HttpError } from '../server/http-error.ts';
import { planAcceptingFields } from './plan-accepting-fields.ts';

const target = (provider: string) => ({ provider, model: 'm', key: `${provider}/m` }) as PlannedTarget;
const rt = {
  providers: new Map([
    ['oai', { wireFields: openAIWireFields(undefined) }],
    ['vllm', { wireFields: openAIWireFields(['top_k']) }],
    ['ant', {}],
  ]),
} as unknown as Runtime;
const body = (extra: Record<string, unknown> = {}) => ({ model: 'm', messages: [], temperature: 0, ...extra });

test('a body of documented fields keeps the plan as it is', () => {
  const plan = [target('oai'), target('vllm'), target('ant')];
  assert.equal(planAcceptingFields(plan, body(), rt, 'chat'), plan);
});

test('targets that do not accept a field are dropped; translated targets stay', () => {
  const kept = planAcceptingFields([target('oai'), target('vllm'), target('ant')], body({ top_k: 1 }), rt, 'chat');
  assert.deepEqual(kept.map((t) => t.provider), ['vllm', 'ant']);
});

test('no target left: 400 unknown_field naming the field', () => {
  for (const plan of [[target('oai')], [target('oai'), target('vllm')]]) {
    assert.throws(() => planAcceptingFields(plan, body({ api_base: 'http://x' }), rt, 'chat'), (e: unknown) =>
      e instanceof HttpError && e.status === 400 && e.code === 'unknown_field' && e.param === 'api_base' && /unknown field "api_base"/.test(e.message));
  }
});

test('embeddings use their own field list', () => {
  assert.throws(() => planAcceptingFields([target('oai')], { model: 'm', input: 'x', messages: [] }, rt, 'embeddings'), (e: unknown) => e instanceof HttpError && e.param === 'messages');
  const plan = [target('oai')];
  assert.equal(planAcceptingFields(plan, { model: 'm', input: 'x', dimensions: 8, encoding_format: 'float', user: 'u' }, rt, 'embeddings'), plan);
});

test('a very long field name is shortened in the message and param', () => {
  const long = 'f'.repeat(500);
  assert.throws(() => planAcceptingFields([target('oai')], body({ [long]: 1 }), rt, 'chat'), (e: unknown) => e instanceof HttpError && e.param!.length === 65);
});
