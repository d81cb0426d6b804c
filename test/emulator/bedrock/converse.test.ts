import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../server.ts';
import { converse, readJson, TEST_AWS } from './bedrock-test-client.ts';

const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const user = (text: string) => ({ role: 'user', content: [{ text }] });
const WEATHER_TOOL = { toolSpec: { name: 'get_weather', description: 'w', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } };

describe('bedrock emulator: Converse', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ provider: 'bedrock', aws: TEST_AWS, quiet: true });
  });
  after(() => emu.close());

  it('answers with output.message, stopReason, usage and metrics, counting tokens like the OpenAI emulator', async () => {
    const res = await converse(emu.url, MODEL, {
      system: [{ text: 'be brief' }, { cachePoint: { type: 'default' } }],
      messages: [user('hello there'), { role: 'assistant', content: [{ text: 'hi' }] }, user('tell me more [emu tokens=3]')],
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.match(res.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(await readJson(res), {
      output: { message: { role: 'assistant', content: [{ text: 'Switchyard emulated reply' }] } },
      stopReason: 'end_turn',
      // system (4+2) + user (4+2) + assistant (4+1) + user (4+3) = 24, as OpenAI would count the same chat
      usage: { inputTokens: 24, outputTokens: 3, totalTokens: 27 },
      metrics: { latencyMs: 103 },
    });
    assert.equal(emu.log.last()?.path, '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
  });

  it('reports cached_tokens and cache_write_tokens beside inputTokens, and reasoning as a reasoningContent block', async () => {
    const res = await converse(emu.url, MODEL, { messages: [user('q [emu tokens=2 reasoning_tokens=3 cached_tokens=100 cache_write_tokens=50]')] });
    const body = await readJson(res);
    assert.deepEqual(body.usage, { inputTokens: 5, outputTokens: 5, totalTokens: 160, cacheReadInputTokens: 100, cacheWriteInputTokens: 50 });
    assert.deepEqual(body.output.message.content[0], { reasoningContent: { reasoningText: { text: 'Switchyard emulated reply', signature: body.output.message.content[0].reasoningContent?.reasoningText.signature } } });
    assert.equal(typeof body.output.message.content[0].reasoningContent?.reasoningText.signature, 'string');
    assert.deepEqual(body.output.message.content[1], { text: 'Switchyard emulated' });
  });

  it('cuts visible text at maxTokens − reasoning with stopReason max_tokens', async () => {
    const res = await converse(emu.url, MODEL, { messages: [user('q [emu tokens=10 reasoning_tokens=2]')], inferenceConfig: { maxTokens: 5 } });
    const body = await readJson(res);
    assert.equal(body.stopReason, 'max_tokens');
    assert.equal(body.output.message.content[1].text, 'Switchyard emulated reply');
    assert.equal(body.usage.outputTokens, 5);
  });

  it('calls tools on tool_call / tool_calls and when toolChoice forces one', async () => {
    const res = await converse(emu.url, MODEL, { messages: [user('weather? [emu tool_calls=2 tokens=2]')], toolConfig: { tools: [WEATHER_TOOL] } });
    const body = await readJson(res);
    assert.equal(body.stopReason, 'tool_use');
    assert.deepEqual(body.output.message.content.map((b) => [b.toolUse?.name, b.toolUse?.input]), [['get_weather', { city: 'Switchyard' }], ['get_weather', { city: 'emulated' }]]);
    assert.match(body.output.message.content[0].toolUse?.toolUseId ?? '', /^tooluse_emu/);
    assert.equal(body.usage.outputTokens, 4);
    const forced = await readJson(await converse(emu.url, MODEL, { messages: [user('x')], toolConfig: { tools: [WEATHER_TOOL], toolChoice: { tool: { name: 'get_weather' } } } }));
    assert.equal(forced.stopReason, 'tool_use');
    const any = await readJson(await converse(emu.url, MODEL, { messages: [user('x')], toolConfig: { tools: [WEATHER_TOOL], toolChoice: { any: {} } } }));
    assert.equal(any.output.message.content[0].toolUse?.name, 'get_weather');
  });

  it('answers structured output with a sample of the outputConfig schema', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' }, n: { type: 'integer' } }, required: ['answer', 'n'] };
    const res = await converse(emu.url, MODEL, { messages: [user('q')], outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'a' } } } } });
    const body = await readJson(res);
    assert.deepEqual(JSON.parse(body.output.message.content[0].text ?? ''), { answer: 'Switchyard', n: 2 });
  });

  it('maps finish_reason to Bedrock stop reasons', async () => {
    const reasons: string[] = [];
    for (const f of ['stop', 'length', 'content_filter', 'tool_calls']) {
      reasons.push((await readJson(await converse(emu.url, MODEL, { messages: [user(`x [emu finish_reason=${f}]`)] }))).stopReason);
    }
    assert.deepEqual(reasons, ['end_turn', 'max_tokens', 'content_filtered', 'tool_use']);
  });

  it('rejects invalid bodies with ValidationException', async () => {
    for (const body of [{}, { messages: [] }, { messages: [{ role: 'assistant', content: [{ text: 'x' }] }] }, { messages: [user('x')], inferenceConfig: { maxTokens: 0 } }, { messages: [{ role: 'user', content: [] }] }]) {
      const res = await converse(emu.url, MODEL, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.headers.get('x-amzn-errortype') ?? '', /^ValidationException:/);
      assert.equal(typeof (await readJson<{ message: unknown }>(res)).message, 'string');
    }
  });

  it('injects errors with the AWS shape: status → exception type, error_code picks a type, context length', async () => {
    const cases: Array<[string, number, string]> = [
      ['status=429', 429, 'ThrottlingException'],
      ['status=400', 400, 'ValidationException'],
      ['status=403', 403, 'AccessDeniedException'],
      ['status=404', 404, 'ResourceNotFoundException'],
      ['status=408', 408, 'ModelTimeoutException'],
      ['status=500', 500, 'InternalServerException'],
      ['status=503', 503, 'ServiceUnavailableException'],
      ['status=429 error_code=ModelNotReadyException', 429, 'ModelNotReadyException'],
      ['status=400 error_code=ServiceQuotaExceededException', 400, 'ServiceQuotaExceededException'],
    ];
    for (const [marker, status, type] of cases) {
      const res = await converse(emu.url, MODEL, { messages: [user(`x [emu ${marker}]`)] });
      assert.equal(res.status, status, marker);
      assert.equal(res.headers.get('x-amzn-errortype'), `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, marker);
      assert.deepEqual(Object.keys(await readJson<object>(res)), ['message']);
    }
    const ctx = await converse(emu.url, MODEL, { messages: [user('x [emu status=400 error_code=context_length_exceeded]')] });
    assert.deepEqual([ctx.status, ctx.headers.get('x-amzn-errortype')?.split(':')[0], (await readJson<{ message: string }>(ctx)).message], [400, 'ValidationException', 'Input is too long for requested model.']);
    const retry = await converse(emu.url, MODEL, { messages: [user('x [emu status=429 retry_after=2]')] });
    assert.equal(retry.headers.get('retry-after'), '2');
  });
});
