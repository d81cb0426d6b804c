import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { CanonicalResponse } from '../../canonical/response.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { HttpError } from '../../server/http-error.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { openAIChatCodec } from './openai-chat-codec.ts';

const usage = { inputUncached: 9, inputCacheRead: 3, inputCacheWrite: 0, outputText: 12, outputReasoning: 4 };
const ARGS_A = '{"city":"Paris","unit":"celsius"}';
const ARGS_B = '{"tz":"Europe/Paris"}';

/** Tool-call arguments cut into uneven fragments, the way models stream them. */
function fragments(s: string): string[] {
  const out: string[] = [];
  for (let i = 0, step = 1; i < s.length; i += step, step = (step % 5) + 1) out.push(s.slice(i, i + step));
  return out;
}

const streamEvents: StreamEvent[] = [
  { type: 'message_start', id: 'msg_1', model: 'claude-x' },
  { type: 'reasoning_start', block: 0 },
  { type: 'reasoning_delta', block: 0, text: 'user wants weather' },
  { type: 'reasoning_end', block: 0 },
  { type: 'text_start', block: 1 },
  { type: 'text_delta', block: 1, text: 'Checking ' },
  { type: 'text_delta', block: 1, text: 'now.' },
  { type: 'text_end', block: 1 },
  { type: 'tool_call_start', block: 2, id: 'toolu_a', name: 'get_weather' },
  ...fragments(ARGS_A).map((f): StreamEvent => ({ type: 'tool_call_delta', block: 2, argumentsDelta: f })),
  { type: 'tool_call_end', block: 2 },
  { type: 'tool_call_start', block: 3, id: 'toolu_b', name: 'get_time' },
  ...fragments(ARGS_B).map((f): StreamEvent => ({ type: 'tool_call_delta', block: 3, argumentsDelta: f })),
  { type: 'tool_call_end', block: 3 },
  { type: 'usage', usage },
  { type: 'finish', finishReason: 'tool_calls' },
];

const final: CanonicalResponse = {
  id: 'msg_1',
  model: 'claude-x',
  content: [
    { type: 'text', text: 'Checking now.' },
    { type: 'tool_call', id: 'toolu_a', name: 'get_weather', arguments: ARGS_A },
  ],
  finishReason: 'tool_calls',
  usage,
};

describe('openAIChatCodec output read by the official openai SDK', () => {
  let server: Server;
  let client: OpenAI;
  before(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        const canonical = openAIChatCodec.decodeRequest(body);
        const ctx: EncodeContext = {
          requestId: 'req-42', publicModel: body.model as string, createdAt: 1_700_000_000,
          includeUsage: (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true,
        };
        if (!canonical.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(openAIChatCodec.encodeResponse(final, ctx)));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const enc = openAIChatCodec.createStreamEncoder(ctx);
        if ((body.messages as Array<{ content: string }>)[0].content === 'fail') {
          res.write(enc.event(streamEvents[0]) + enc.event({ type: 'text_delta', block: 1, text: 'par' }));
          res.end(enc.error(new HttpError(502, 'upstream_error', 'upstream_stream_cut', 'provider p ended the stream early')));
          return;
        }
        for (const e of streamEvents) res.write(enc.event(e));
        res.end(enc.end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new OpenAI({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather?' }];

  it('parses a non-streaming completion', async () => {
    const c = await client.chat.completions.create({ model: 'pub', messages });
    assert.equal(c.id, 'chatcmpl-req42');
    assert.equal(c.model, 'pub');
    assert.equal(c.choices[0].message.content, 'Checking now.');
    assert.deepEqual(c.choices[0].message.tool_calls, [{ id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: ARGS_A } }]);
    assert.equal(c.choices[0].finish_reason, 'tool_calls');
    assert.deepEqual(c.usage, { prompt_tokens: 12, completion_tokens: 16, total_tokens: 28, prompt_tokens_details: { cached_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 4 } });
  });

  it('streams chunks the SDK iterates, with the usage chunk last', async () => {
    const stream = await client.chat.completions.create({ model: 'pub', messages, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'Checking now.');
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.total_tokens, 28);
    assert.equal(chunks.at(-2)!.choices[0].finish_reason, 'tool_calls');
  });

  it('chat.completions.stream() reassembles fragmented tool-call arguments exactly', async () => {
    const runner = client.chat.completions.stream({ model: 'pub', messages, stream_options: { include_usage: true } });
    const c = await runner.finalChatCompletion();
    const message = c.choices[0].message;
    assert.equal(message.content, 'Checking now.');
    assert.deepEqual(message.tool_calls?.map((t) => t.type === 'function' && [t.id, t.function.name, t.function.arguments]), [
      ['toolu_a', 'get_weather', ARGS_A],
      ['toolu_b', 'get_time', ARGS_B],
    ]);
    assert.equal(c.choices[0].finish_reason, 'tool_calls');
    assert.equal(c.usage?.prompt_tokens, 12);
  });

  it('an in-band error frame surfaces as an APIError', async () => {
    const stream = await client.chat.completions.create({ model: 'pub', messages: [{ role: 'user', content: 'fail' }], stream: true });
    await assert.rejects(async () => {
      for await (const c of stream) void c;
    }, (err: unknown) => {
      assert.ok(err instanceof OpenAI.APIError);
      assert.match(err.message, /ended the stream early/);
      return true;
    });
  });
});
