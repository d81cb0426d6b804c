import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { HttpError } from '../../server/http-error.ts';
import { openAIResponsesCodec as codec } from './openai-responses-codec.ts';

const usage = { inputUncached: 20, inputCacheRead: 4, inputCacheWrite: 0, outputText: 9, outputReasoning: 3 };

const CONTENT: CanonicalResponse['content'] = [
  { type: 'reasoning', text: 'The user wants weather.', signature: 'sig-abc' },
  { type: 'text', text: 'Checking the weather.' },
  { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
];

/** Canonical stream events for CONTENT, with the arguments and text split into fragments. */
function contentEvents(): StreamEvent[] {
  return [
    { type: 'message_start', id: 'up', model: 'upstream-model' },
    { type: 'reasoning_start', block: 0 },
    { type: 'reasoning_delta', block: 0, text: 'The user ' },
    { type: 'reasoning_delta', block: 0, text: 'wants weather.' },
    { type: 'reasoning_signature', block: 0, signature: 'sig-abc' },
    { type: 'reasoning_end', block: 0 },
    { type: 'text_start', block: 1 },
    { type: 'text_delta', block: 1, text: 'Checking ' },
    { type: 'text_delta', block: 1, text: 'the weather.' },
    { type: 'text_end', block: 1 },
    { type: 'tool_call_start', block: 2, id: 'call_1', name: 'get_weather' },
    { type: 'tool_call_delta', block: 2, argumentsDelta: '{"ci' },
    { type: 'tool_call_delta', block: 2, argumentsDelta: 'ty":"Paris"}' },
    { type: 'tool_call_end', block: 2 },
    { type: 'tool_call_start', block: 3, id: 'call_2', name: 'get_weather' },
    { type: 'tool_call_delta', block: 3, argumentsDelta: '{"city":"Rome"}' },
    { type: 'tool_call_end', block: 3 },
    { type: 'usage', usage },
    { type: 'finish', finishReason: 'tool_calls' },
  ];
}

/** What the fake upstream does, chosen by the last user text. */
type Scenario = { events: StreamEvent[]; error?: HttpError };
const SCENARIOS: Record<string, Scenario> = {
  weather: { events: contentEvents() },
  truncated: { events: [{ type: 'text_delta', block: 0, text: 'Once upon' }, { type: 'usage', usage }, { type: 'finish', finishReason: 'length' }] },
  broken: { events: [{ type: 'text_delta', block: 0, text: 'partial' }], error: new HttpError(502, 'upstream_error', 'upstream_cut', 'the provider ended the stream early') },
};

function lastUserText(req: CanonicalRequest): string {
  const user = req.messages.filter((m) => m.role === 'user').at(-1);
  const part = user?.content.find((p) => p.type === 'text');
  return part?.type === 'text' ? part.text : '';
}

describe('openai SDK against the Responses codec', () => {
  let server: Server;
  let client: OpenAI;
  const seen: CanonicalRequest[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const ctx = { requestId: 'req-42', publicModel: 'smart-model', createdAt: 1_700_000_000, includeUsage: false };
        let request: CanonicalRequest;
        try {
          request = codec.decodeRequest(JSON.parse(raw));
        } catch (err) {
          const e = err as HttpError;
          res.writeHead(e.status, { 'content-type': 'application/json' }).end(JSON.stringify(codec.errorBody(e)));
          return;
        }
        seen.push(request);
        const scenario = SCENARIOS[lastUserText(request)] ?? SCENARIOS.weather;
        if (!request.stream) {
          const canonical: CanonicalResponse = { id: 'up', model: 'upstream-model', content: CONTENT, finishReason: 'tool_calls', usage };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(codec.encodeResponse(canonical, { ...ctx, request })));
          return;
        }
        const enc = codec.createStreamEncoder({ ...ctx, request });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const e of scenario.events) {
          const out = enc.event(e);
          if (out) res.write(out);
        }
        res.end(scenario.error ? enc.error(scenario.error) : enc.end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new OpenAI({ apiKey: 'test', baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, maxRetries: 0 });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const tools: OpenAI.Responses.FunctionTool[] = [
    { type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true },
  ];

  test('responses.create (non-streaming): output_text, reasoning, function calls, usage, echoed tools', async () => {
    const res = await client.responses.create({ model: 'smart-model', instructions: 'Be brief.', input: 'weather', tools, temperature: 0.3 });
    assert.equal(res.id, 'resp_req42');
    assert.equal(res.object, 'response');
    assert.equal(res.status, 'completed');
    assert.equal(res.model, 'smart-model');
    assert.equal(res.output_text, 'Checking the weather.');
    assert.deepEqual(res.output.map((o) => o.type), ['reasoning', 'message', 'function_call', 'function_call']);
    const reasoning = res.output[0] as OpenAI.Responses.ResponseReasoningItem;
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'The user wants weather.' }]);
    assert.equal(reasoning.encrypted_content, 'sig-abc');
    const calls = res.output.filter((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === 'function_call');
    assert.deepEqual(calls.map((c) => [c.call_id, c.name, JSON.parse(c.arguments)]), [['call_1', 'get_weather', { city: 'Paris' }], ['call_2', 'get_weather', { city: 'Rome' }]]);
    assert.deepEqual(res.usage, {
      input_tokens: 24, input_tokens_details: { cached_tokens: 4, cache_write_tokens: 0 }, output_tokens: 12, output_tokens_details: { reasoning_tokens: 3 }, total_tokens: 36,
    });
    assert.equal(res.instructions, 'Be brief.');
    assert.equal(res.temperature, 0.3);
    assert.deepEqual(res.tools, [{ ...tools[0] }]);
    const decoded = seen.at(-1)!;
    assert.deepEqual(decoded.system, [{ type: 'text', text: 'Be brief.' }]);
    assert.deepEqual(decoded.tools, [{ name: 'get_weather', description: 'Weather for a city', parameters: tools[0].parameters, strict: true }]);
  });

  test('a follow-up turn built from the previous output round-trips through decodeRequest', async () => {
    const first = await client.responses.create({ model: 'smart-model', input: 'weather', tools });
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: 'weather' },
      ...(first.output as OpenAI.Responses.ResponseInputItem[]),
      { type: 'function_call_output', call_id: 'call_1', output: '18C' },
      { type: 'function_call_output', call_id: 'call_2', output: '21C' },
    ];
    await client.responses.create({ model: 'smart-model', input, tools, store: false });
    assert.deepEqual(seen.at(-1)!.messages, [
      { role: 'user', content: [{ type: 'text', text: 'weather' }] },
      { role: 'assistant', content: [
        { type: 'reasoning', text: 'The user wants weather.', signature: 'sig-abc' },
        { type: 'text', text: 'Checking the weather.' },
        { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
      ] },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: '18C' }] },
      { role: 'tool', toolCallId: 'call_2', toolName: 'get_weather', content: [{ type: 'text', text: '21C' }] },
    ]);
  });

  test('responses.stream + finalResponse: the accumulated response matches the non-streaming one', async () => {
    const stream = client.responses.stream({ model: 'smart-model', input: 'weather', tools });
    const textDeltas: string[] = [];
    const argDeltas: string[] = [];
    stream.on('response.output_text.delta', (e) => textDeltas.push(e.delta));
    stream.on('response.function_call_arguments.delta', (e) => argDeltas.push(e.delta));
    const final = await stream.finalResponse();
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, 'Checking the weather.');
    assert.equal(textDeltas.join(''), 'Checking the weather.');
    assert.equal(argDeltas.join(''), '{"city":"Paris"}{"city":"Rome"}');
    const reasoning = final.output[0] as OpenAI.Responses.ResponseReasoningItem;
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'The user wants weather.' }]);
    assert.equal(reasoning.encrypted_content, 'sig-abc');
    const calls = final.output.flatMap((o) => (o.type === 'function_call' ? [o] : []));
    assert.deepEqual(calls.map((c) => [c.call_id, c.arguments, c.status]), [['call_1', '{"city":"Paris"}', 'completed'], ['call_2', '{"city":"Rome"}', 'completed']]);
    assert.equal(final.usage?.total_tokens, 36);
    assert.equal(final.usage?.output_tokens_details.reasoning_tokens, 3);
  });

  test('raw events: order, sequence numbers, text and argument deltas reassemble, reasoning summary', async () => {
    const stream = await client.responses.create({ model: 'smart-model', input: 'weather', tools, stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const e of stream) events.push(e);
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
    assert.equal(events[0].type, 'response.created');
    assert.equal(events[1].type, 'response.in_progress');
    assert.equal(events.at(-1)!.type, 'response.completed');
    const added = events.filter((e) => e.type === 'response.output_item.added');
    const done = events.filter((e) => e.type === 'response.output_item.done');
    assert.deepEqual(added.map((e) => [e.output_index, e.item.type]), [[0, 'reasoning'], [1, 'message'], [2, 'function_call'], [3, 'function_call']]);
    assert.deepEqual(done.map((e) => e.output_index), [0, 1, 2, 3]);
    const reasoningText = events.flatMap((e) => (e.type === 'response.reasoning_summary_text.delta' ? [e.delta] : [])).join('');
    assert.equal(reasoningText, 'The user wants weather.');
    const text = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : [])).join('');
    const textDone = events.find((e) => e.type === 'response.output_text.done');
    assert.equal(text, 'Checking the weather.');
    assert.equal(textDone?.type === 'response.output_text.done' && textDone.text, text);
    for (const index of [2, 3]) {
      const args = events.flatMap((e) => (e.type === 'response.function_call_arguments.delta' && e.output_index === index ? [e.delta] : [])).join('');
      const argsDone = events.find((e) => e.type === 'response.function_call_arguments.done' && e.output_index === index);
      assert.equal(argsDone?.type === 'response.function_call_arguments.done' && argsDone.arguments, args);
    }
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    assert.equal(completed.response.usage?.input_tokens, 24);
    assert.deepEqual(completed.response.output, done.map((e) => e.item));
  });

  test('a length stop streams response.incomplete; finalResponse resolves as incomplete', async () => {
    const stream = client.responses.stream({ model: 'smart-model', input: 'truncated', max_output_tokens: 3 });
    const final = await stream.finalResponse();
    assert.equal(final.status, 'incomplete');
    assert.deepEqual(final.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(final.output_text, 'Once upon');
    assert.equal(final.max_output_tokens, 3);
  });

  test('an in-band error: raw consumers see response.failed then an APIError; finalResponse rejects', async () => {
    const raw = await client.responses.create({ model: 'smart-model', input: 'broken', stream: true });
    const types: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of raw) types.push(e.type);
      })(),
      (err: unknown) => err instanceof OpenAI.APIError && /ended the stream early/.test(err.message),
    );
    assert.equal(types.at(-1), 'response.failed');
    assert.ok(!types.includes('response.completed'));
    await assert.rejects(client.responses.stream({ model: 'smart-model', input: 'broken' }).finalResponse(), (err: unknown) => err instanceof OpenAI.APIError);
  });

  test('a rejected request surfaces as BadRequestError naming the field', async () => {
    await assert.rejects(
      client.responses.create({ model: 'smart-model', input: 'hi', tools: [{ type: 'web_search' }] }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'tools[0].type' && /not supported through this gateway/.test(err.message),
    );
    await assert.rejects(
      client.responses.create({ model: 'smart-model', input: 'hi', previous_response_id: 'resp_old' }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'previous_response_id' && /stateless/.test(err.message),
    );
  });
});
