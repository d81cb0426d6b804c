import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { CanonicalResponse } from '../../canonical/response.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { HttpError } from '../../server/http-error.ts';
import { anthropicMessagesCodec as codec } from './anthropic-messages-codec.ts';

const ctx = { requestId: 'sdk1', publicModel: 'switchyard-claude', createdAt: 0, includeUsage: false };
const usage = { inputUncached: 21, inputCacheRead: 300, inputCacheWrite: 40, outputText: 17, outputReasoning: 9 };

const RESPONSE: CanonicalResponse = {
  id: 'resp-1',
  model: 'gpt-upstream',
  content: [
    { type: 'reasoning', text: 'Weather needs a tool.', signature: 'c2lnbmF0dXJl' },
    { type: 'text', text: 'Let me check.' },
    { type: 'tool_call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
  ],
  finishReason: 'tool_calls',
  usage,
};

const EVENTS: StreamEvent[] = [
  { type: 'message_start', id: 'resp-1', model: 'gpt-upstream' },
  { type: 'usage', usage: { ...usage, outputText: 1, outputReasoning: 0 } },
  { type: 'reasoning_start', block: 0 },
  { type: 'reasoning_delta', block: 0, text: 'Weather needs ' },
  { type: 'reasoning_delta', block: 0, text: 'a tool.' },
  { type: 'reasoning_signature', block: 0, signature: 'c2lnbmF0dXJl' },
  { type: 'reasoning_end', block: 0 },
  { type: 'text_start', block: 1 },
  { type: 'text_delta', block: 1, text: 'Let me ' },
  { type: 'text_delta', block: 1, text: 'check.' },
  { type: 'text_end', block: 1 },
  { type: 'tool_call_start', block: 2, id: 'toolu_01', name: 'get_weather' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":"Pa' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: 'ris","unit":"c"}' },
  { type: 'tool_call_end', block: 2 },
  { type: 'usage', usage },
  { type: 'finish', finishReason: 'tool_calls' },
];

const EXPECTED_CONTENT = [
  { type: 'thinking', thinking: 'Weather needs a tool.', signature: 'c2lnbmF0dXJl' },
  { type: 'text', text: 'Let me check.' },
  { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
];
const EXPECTED_USAGE = { input_tokens: 21, output_tokens: 26, cache_creation_input_tokens: 40, cache_read_input_tokens: 300, output_tokens_details: { thinking_tokens: 9 } };

/** Plays the gateway's side of `/v1/messages` with the codec only: the decoded request picks the answer. */
function serve(): Server {
  return createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      let decoded;
      try {
        decoded = codec.decodeRequest(JSON.parse(text) as Record<string, unknown>);
      } catch (err) {
        const e = err as HttpError;
        res.writeHead(e.status, { 'content-type': 'application/json' }).end(JSON.stringify(codec.errorBody(e)));
        return;
      }
      const last = decoded.messages.at(-1);
      const say = last?.role === 'user' && last.content[0]?.type === 'text' ? last.content[0].text : '';
      if (say === 'rate limit me') {
        const e = new HttpError(429, 'rate_limit_error', 'rate_limited', 'slow down');
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify(codec.errorBody(e)));
        return;
      }
      if (!decoded.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(codec.encodeResponse(RESPONSE, ctx)));
        return;
      }
      const enc = codec.createStreamEncoder(ctx);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (say === 'fail midway') {
        for (const e of EVENTS.slice(0, 9)) res.write(enc.event(e));
        res.end(enc.error(new HttpError(503, 'upstream_error', 'upstream_overloaded', 'provider busy')));
        return;
      }
      for (const e of EVENTS) res.write(enc.event(e));
      res.end(enc.end());
    });
  });
}

const params = (text: string): Anthropic.MessageCreateParamsNonStreaming => ({
  model: 'switchyard-claude',
  max_tokens: 1024,
  messages: [{ role: 'user', content: text }],
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
});

describe('anthropic-messages codec with the official @anthropic-ai/sdk', () => {
  let server: Server;
  let client: Anthropic;
  before(async () => {
    server = serve();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'sk-test', maxRetries: 0 });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('messages.create reads the encoded Message', async () => {
    const m = await client.messages.create(params('weather in Paris?'));
    assert.equal(m.id, 'msg_sdk1');
    assert.equal(m.model, 'switchyard-claude');
    assert.equal(m.stop_reason, 'tool_use');
    assert.deepEqual(m.content, EXPECTED_CONTENT);
    assert.deepEqual(m.usage, EXPECTED_USAGE);
  });

  it('messages.stream reconstructs text, thinking, tool input and usage exactly', async () => {
    const stream = client.messages.stream(params('weather in Paris?'));
    let text = '';
    let thinking = '';
    stream.on('text', (t) => (text += t));
    stream.on('thinking', (t) => (thinking += t));
    const m = await stream.finalMessage();
    assert.equal(text, 'Let me check.');
    assert.equal(thinking, 'Weather needs a tool.');
    assert.equal(m.id, 'msg_sdk1');
    assert.equal(m.model, 'switchyard-claude');
    assert.equal(m.stop_reason, 'tool_use');
    assert.equal(m.stop_sequence, null);
    assert.deepEqual(m.content, EXPECTED_CONTENT);
    assert.deepEqual(m.usage, EXPECTED_USAGE);
  });

  it('surfaces error bodies and in-stream error events as SDK errors of the right class', async () => {
    await assert.rejects(client.messages.create(params('rate limit me')), (e) => {
      assert.ok(e instanceof Anthropic.RateLimitError);
      assert.deepEqual(e.error, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
      return true;
    });
    await assert.rejects(client.messages.create({ ...params('x'), max_tokens: undefined } as unknown as Anthropic.MessageCreateParamsNonStreaming), (e) => {
      assert.ok(e instanceof Anthropic.BadRequestError);
      assert.deepEqual(e.error, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
      return true;
    });
    await assert.rejects(client.messages.stream(params('fail midway')).finalMessage(), (e) => {
      assert.ok(e instanceof Anthropic.APIError);
      assert.deepEqual(e.error, { type: 'error', error: { type: 'overloaded_error', message: 'provider busy' } });
      return true;
    });
  });
});
