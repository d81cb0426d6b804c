import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { startEmulator, type Emulator } from '../server.ts';
import { sseData } from '../test-clients.ts';

const KEY = 'azure-key';
const VERSION = '2024-10-21';

function azureClient(emulator: Emulator, opts: { apiKey?: string; token?: string } = { apiKey: KEY }): AzureOpenAI {
  return new AzureOpenAI({
    baseURL: `${emulator.url}/openai`,
    apiVersion: VERSION,
    ...(opts.token ? { azureADTokenProvider: async () => opts.token! } : { apiKey: opts.apiKey }),
    maxRetries: 0,
    logLevel: 'off',
  });
}

function post(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = { 'api-key': KEY }): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const hello = (text: string) => [{ role: 'user' as const, content: text }];
const SAFE = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };

describe('Azure OpenAI emulator', () => {
  let emulator: Emulator;
  let client: AzureOpenAI;
  before(async () => {
    emulator = await startEmulator({ provider: 'azure-openai', apiKey: KEY, quiet: true });
    client = azureClient(emulator);
  });
  after(() => emulator.close());

  it('serves a completion at the deployment path with content-filter annotations and exact usage', async () => {
    const c = await client.chat.completions.create({ model: 'my-gpt4o', messages: hello('hello there [emu tokens=3 cached_tokens=2]') });
    const entry = emulator.log.last()!;
    assert.equal(entry.path, '/openai/deployments/my-gpt4o/chat/completions');
    assert.equal(entry.headers['api-key'], KEY);
    assert.equal(c.model, 'my-gpt4o');
    assert.equal(c.choices[0].message.content, 'Switchyard emulated reply');
    assert.deepEqual(c.usage?.prompt_tokens, 4 + 2 + 2);
    const raw = c as unknown as { prompt_filter_results: unknown; choices: Array<{ content_filter_results: unknown }> };
    assert.deepEqual(raw.prompt_filter_results, [{ prompt_index: 0, content_filter_results: SAFE }]);
    assert.deepEqual(raw.choices[0].content_filter_results, SAFE);
  });

  it('reports a filtered completion with finish_reason content_filter', async () => {
    const c = await client.chat.completions.create({ model: 'd', messages: hello('x [emu finish_reason=content_filter]') });
    assert.equal(c.choices[0].finish_reason, 'content_filter');
    assert.deepEqual((c.choices[0] as unknown as { content_filter_results: { hate: unknown } }).content_filter_results.hate, { filtered: true, severity: 'medium' });
  });

  it('streams with a first chunk of empty choices, which the SDK tolerates, and reassembles tool calls', async () => {
    const res = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, {
      messages: hello('go [emu tokens=2]'), stream: true, stream_options: { include_usage: true },
    });
    const frames = sseData(await res.text());
    assert.deepEqual(JSON.parse(frames[0]), { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }] });
    assert.deepEqual(JSON.parse(frames[1]).choices[0].content_filter_results, {});
    assert.equal(frames.at(-1), '[DONE]');
    assert.deepEqual(JSON.parse(frames.at(-2)!).choices, []);
    assert.equal(JSON.parse(frames.at(-3)!).choices[0].finish_reason, 'stop');
    assert.deepEqual(JSON.parse(frames.at(-3)!).choices[0].content_filter_results, SAFE);

    const chunks: ChatCompletionChunk[] = [];
    for await (const c of await client.chat.completions.create({ model: 'd', messages: hello('go [emu tokens=2]'), stream: true })) chunks.push(c);
    assert.equal(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'Switchyard emulated');

    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const final = await client.chat.completions.stream({ model: 'd', messages: hello('w [emu tool_calls=2 tokens=3]'), tools }).finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    assert.equal(calls.length, 2);
    for (const call of calls) assert.equal(call.type === 'function' && typeof JSON.parse(call.function.arguments).city, 'string');
  });

  it('accepts a Microsoft Entra ID bearer token', async () => {
    const c = await azureClient(emulator, { token: KEY }).chat.completions.create({ model: 'd', messages: hello('hi') });
    assert.equal(emulator.log.last()!.headers.authorization, `Bearer ${KEY}`);
    assert.equal(c.choices[0].finish_reason, 'stop');
  });

  it('refuses a wrong key with Azure 401 envelope', async () => {
    await assert.rejects(azureClient(emulator, { apiKey: 'nope' }).chat.completions.create({ model: 'd', messages: hello('hi') }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.AuthenticationError);
      assert.equal((err.error as { code: string }).code, '401');
      return true;
    });
  });

  it('needs api-version: missing is 404 Resource not found, unknown is 400', async () => {
    const missing = await post(emulator, '/openai/deployments/d/chat/completions', { messages: hello('hi') });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: { code: '404', message: 'Resource not found' } });
    const bad = await post(emulator, '/openai/deployments/d/chat/completions?api-version=latest', { messages: hello('hi') });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: { code: 'BadRequest', message: 'API version not supported' } });
    const unknownPath = await post(emulator, `/openai/chat/completions?api-version=${VERSION}`, { messages: hello('hi') });
    assert.equal(unknownPath.status, 404);
  });

  it('answers directives in Azure shapes: 429 with retry headers, 404 deployment, 400 content_filter', async () => {
    const limited = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu status=429 retry_after=2]') });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal(limited.headers.get('retry-after-ms'), '2000');
    const body = (await limited.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, '429');
    assert.match(body.error.message, /ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 .* retry after 2 seconds/);

    const missing = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu status=404]') });
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'DeploymentNotFound');

    const filtered = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu status=400 error_code=content_filter]') });
    assert.equal(filtered.status, 400);
    const f = (await filtered.json()) as { error: { code: string; param: string; innererror: { code: string; content_filter_result: { hate: unknown } } } };
    assert.equal(f.error.code, 'content_filter');
    assert.equal(f.error.param, 'prompt');
    assert.equal(f.error.innererror.code, 'ResponsibleAIPolicyViolation');
    assert.deepEqual(f.error.innererror.content_filter_result.hate, { filtered: true, severity: 'medium' });

    const server = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu status=500]') });
    assert.equal(((await server.json()) as { error: { type: string } }).error.type, 'server_error');
  });

  it('cuts and corrupts streams on request', async () => {
    const cut = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu cut_after=1]'), stream: true });
    await assert.rejects(cut.text());
    assert.equal((await emulator.log.waitFor((e) => e.outcome === 'cut', 2000)).path, '/openai/deployments/d/chat/completions');
    const bad = await post(emulator, `/openai/deployments/d/chat/completions?api-version=${VERSION}`, { messages: hello('x [emu malformed_sse=1]'), stream: true });
    assert.ok((await bad.text()).includes('data: {"id": broken\n\n'));
  });

  it('serves embeddings for the deployment', async () => {
    const e = await client.embeddings.create({ model: 'embed-dep', input: ['one two three'], dimensions: 4 });
    assert.equal(emulator.log.last()!.path, '/openai/deployments/embed-dep/embeddings');
    assert.equal(e.model, 'embed-dep');
    assert.equal(e.data[0].embedding.length, 4);
    assert.equal(e.usage.prompt_tokens, 3);
  });
});
