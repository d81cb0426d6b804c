import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { chatBody, openAIClient, postJson } from '../test-clients.ts';

const EIGHT_TOKENS = 'Switchyard emulated reply with plain deterministic words so';

function usage(prompt: number, completion: number, cached = 0, reasoning = 0): OpenAI.CompletionUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function request(text: string, extra: Record<string, unknown> = {}): ChatCompletionCreateParamsNonStreaming {
  return chatBody(text, extra) as unknown as ChatCompletionCreateParamsNonStreaming;
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('POST /v1/chat/completions', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startEmulator();
    client = openAIClient(emulator);
  });
  after(() => emulator.close());

  it('returns a complete chat.completion object with exact usage', async () => {
    const { data, response } = await client.chat.completions.create(request('hello there')).withResponse();
    const entry = emulator.log.last();
    assert.equal(response.headers.get('x-request-id'), `req_emu${entry?.id}`);
    assert.match(data.id, /^chatcmpl-/);
    assert.equal(typeof data.created, 'number');
    assert.deepEqual({ ...data, id: 'x', created: 0 }, {
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: EIGHT_TOKENS, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      }],
      usage: usage(6, 8),
      service_tier: 'default',
      system_fingerprint: 'fp_emulator',
    });
    assert.equal(entry?.outcome, 'completed');
    assert.equal(entry?.status, 200);
  });

  it('echoes unknown models and counts 4 tokens per message plus words of text parts', async () => {
    const completion = await client.chat.completions.create({
      model: 'my-own-model',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'assistant', content: [{ type: 'text', text: 'one two' }, { type: 'text', text: 'three' }] },
        { role: 'user', content: 'count me [emu tokens=2 cached_tokens=10 reasoning_tokens=4]' },
      ],
    });
    assert.equal(completion.model, 'my-own-model');
    assert.equal(completion.choices[0].message.content, 'Switchyard emulated');
    assert.deepEqual(completion.usage, usage(4 + 3 + 4 + 3 + 4 + 2 + 10, 2 + 4, 10, 4));
  });

  it('stops at max_tokens with finish_reason length, counting reasoning tokens against the limit', async () => {
    const short = await client.chat.completions.create(request('hi', { max_tokens: 3 }));
    assert.equal(short.choices[0].message.content, 'Switchyard emulated reply');
    assert.equal(short.choices[0].finish_reason, 'length');
    assert.deepEqual(short.usage, usage(5, 3));
    const reasoned = await client.chat.completions.create(request('hi [emu reasoning_tokens=2]', { max_completion_tokens: 5 }));
    assert.equal(reasoned.choices[0].message.content, 'Switchyard emulated reply');
    assert.equal(reasoned.choices[0].finish_reason, 'length');
    assert.deepEqual(reasoned.usage, usage(5, 5, 0, 2));
    const roomy = await client.chat.completions.create(request('hi [emu tokens=2]', { max_tokens: 2 }));
    assert.equal(roomy.choices[0].finish_reason, 'stop');
  });

  it('forces finish_reason and takes directives from x-emulator-* headers', async () => {
    const filtered = await client.chat.completions.create(request('hi [emu finish_reason=content_filter tokens=1]'));
    assert.equal(filtered.choices[0].finish_reason, 'content_filter');
    const viaHeader = await client.chat.completions.create(request('hi'), { headers: { 'x-emulator-tokens': '1' } });
    assert.equal(viaHeader.choices[0].message.content, 'Switchyard');
    assert.equal(viaHeader.usage?.completion_tokens, 1);
  });

  it('returns valid JSON content for json_object and json_schema response formats', async () => {
    const obj = await client.chat.completions.create(request('hi [emu tokens=3]', { response_format: { type: 'json_object' } }));
    assert.deepEqual(JSON.parse(obj.choices[0].message.content ?? ''), { message: 'Switchyard emulated reply' });
    assert.equal(obj.usage?.completion_tokens, 3);
    const schema = await client.chat.completions.create(request('hi', {
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } },
        },
      },
    }));
    assert.deepEqual(JSON.parse(schema.choices[0].message.content ?? ''), { name: 'Switchyard', age: 2, tags: ['reply'] });
  });

  it('streams a role chunk, one chunk per token and a finish chunk, without usage by default', async () => {
    const chunks = await collect(await client.chat.completions.create({ ...request('hi [emu tokens=3]'), stream: true }));
    assert.equal(chunks.length, 5);
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
    assert.deepEqual(chunks.slice(1, 4).map((c) => c.choices[0].delta), [
      { content: 'Switchyard' }, { content: ' emulated' }, { content: ' reply' },
    ]);
    assert.deepEqual(chunks[4].choices[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.id, chunks[0].id);
      assert.equal('usage' in chunk, false);
    }
    const entry = await emulator.log.waitFor((e) => e.id === emulator.log.last()?.id && e.outcome !== 'pending', 1_000);
    assert.equal(entry.outcome, 'completed');
    assert.equal(entry.chunksSent, 6);
  });

  it('with include_usage sends usage:null on every chunk and a final usage chunk with no choices', async () => {
    const chunks = await collect(await client.chat.completions.create({
      ...request('hello there [emu tokens=2 reasoning_tokens=1]'),
      stream: true,
      stream_options: { include_usage: true },
    }));
    assert.equal(chunks.length, 5);
    for (const chunk of chunks.slice(0, 4)) assert.equal(chunk.usage, null);
    assert.deepEqual(chunks[4].choices, []);
    assert.deepEqual(chunks[4].usage, usage(6, 3, 0, 1));
  });

  it('rejects invalid requests with OpenAI-shaped 400 errors', async () => {
    const missingModel = await postJson(emulator, '/v1/chat/completions', { messages: [{ role: 'user', content: 'x' }] });
    assert.equal(missingModel.status, 400);
    assert.deepEqual(await missingModel.json(), {
      error: { message: 'you must provide a model parameter', type: 'invalid_request_error', param: null, code: null },
    });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini' } as ChatCompletionCreateParamsNonStreaming), (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'missing_required_parameter');
      assert.equal(error.param, 'messages');
      return true;
    });
    await assert.rejects(client.chat.completions.create(request('x', { n: 2 })), { status: 400, param: 'n' });
    const badJson = await postJson(emulator, '/v1/chat/completions', '{"model": ');
    assert.equal(badJson.status, 400);
    const body = (await badJson.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /could not parse the JSON body/);
    assert.equal(emulator.log.last()?.outcome, 'error');
  });
});
