import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from './server.ts';

const KEY = 'count-key';

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('Anthropic POST /v1/messages/count_tokens answers {input_tokens} and requires model and messages', async (t) => {
  const emu = await startEmulator({ provider: 'anthropic', apiKey: KEY, quiet: true });
  t.after(() => emu.close());
  const h = { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' };
  const ok = await post(`${emu.url}/v1/messages/count_tokens`, { model: 'claude', system: 'be brief', messages: [{ role: 'user', content: 'one two three' }] }, h);
  assert.deepEqual(ok, { status: 200, json: { input_tokens: 4 + 2 + 4 + 3 } });
  const missing = await post(`${emu.url}/v1/messages/count_tokens`, { model: 'claude' }, h);
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.json.error, { type: 'invalid_request_error', message: 'messages: Field required' });
  assert.equal((await post(`${emu.url}/v1/messages/count_tokens`, { model: 'claude', messages: [] }, { 'x-api-key': 'wrong' })).status, 401);
});

test('Gemini :countTokens takes contents or a generateContentRequest (not both); Vertex answers totalBillableCharacters too', async (t) => {
  const gemini = await startEmulator({ provider: 'gemini', apiKey: KEY, quiet: true });
  t.after(() => gemini.close());
  const h = { 'x-goog-api-key': KEY };
  const contents = [{ role: 'user', parts: [{ text: 'one two three' }] }];
  const url = `${gemini.url}/v1beta/models/gemini-2.5-flash:countTokens`;
  assert.equal((await post(url, { contents }, h)).json.totalTokens, 7);
  const wrapped = await post(url, { generateContentRequest: { model: 'models/gemini-2.5-flash', contents, systemInstruction: { parts: [{ text: 'be brief' }] } } }, h);
  assert.equal(wrapped.json.totalTokens, 7 + 6);
  assert.equal((await post(url, { contents, generateContentRequest: { model: 'models/x', contents } }, h)).status, 400);
  assert.equal((await post(url, { generateContentRequest: { contents } }, h)).status, 400, 'generateContentRequest must name its model');

  const vertex = await startEmulator({ provider: 'vertex', apiKey: KEY, quiet: true });
  t.after(() => vertex.close());
  const v = await post(`${vertex.url}/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens`, { contents, systemInstruction: { parts: [{ text: 'be brief' }] } }, { authorization: `Bearer ${KEY}` });
  assert.equal(v.status, 200);
  assert.equal(v.json.totalTokens, 13);
  assert.equal(typeof v.json.totalBillableCharacters, 'number');
});

test('OpenAI POST /v1/responses/input_tokens answers {object: response.input_tokens, input_tokens}', async (t) => {
  const emu = await startEmulator({ provider: 'openai', apiKey: KEY, quiet: true });
  t.after(() => emu.close());
  const h = { authorization: `Bearer ${KEY}` };
  const r = await post(`${emu.url}/v1/responses/input_tokens`, { model: 'gpt-4o', instructions: 'be brief', input: [{ role: 'user', content: 'one two three' }, { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }, { type: 'function_call_output', call_id: 'c', output: 'done' }] }, h);
  assert.deepEqual(r, { status: 200, json: { object: 'response.input_tokens', input_tokens: 6 + 7 + 5 } });
  assert.equal((await post(`${emu.url}/v1/responses/input_tokens`, { input: 'one two' }, h)).json.input_tokens, 6);
  assert.equal((await post(`${emu.url}/v1/responses/input_tokens`, { input: 5 }, h)).status, 400);
});
