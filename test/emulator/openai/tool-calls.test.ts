import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { chatBody, openAIClient } from '../test-clients.ts';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
];

function request(text: string, extra: Record<string, unknown> = {}): ChatCompletionCreateParamsNonStreaming {
  return chatBody(text, { tools: TOOLS, ...extra }) as unknown as ChatCompletionCreateParamsNonStreaming;
}

describe('tool calls', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startEmulator();
    client = openAIClient(emulator);
  });
  after(() => emulator.close());

  it('returns a function tool call with JSON arguments sampled from the schema', async () => {
    const completion = await client.chat.completions.create(request('weather? [emu tool_call=get_weather tokens=4]'));
    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    assert.equal(choice.message.tool_calls?.length, 1);
    const call = choice.message.tool_calls![0];
    assert.equal(call.type, 'function');
    assert.match(call.id, /^call_/);
    assert.ok(call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Switchyard', unit: 'f' });
    assert.equal(completion.usage?.completion_tokens, 4);
  });

  it('answers in text when tools are offered but nothing asks for a call', async () => {
    const completion = await client.chat.completions.create(request('hi [emu tokens=1]'));
    assert.equal(completion.choices[0].message.content, 'Switchyard');
    assert.equal(completion.choices[0].message.tool_calls, undefined);
    const none = await client.chat.completions.create(request('hi [emu tool_call=get_weather tokens=1]', { tool_choice: 'none' }));
    assert.equal(none.choices[0].finish_reason, 'stop');
  });

  it('honours a forced tool_choice and tool_choice required', async () => {
    const forced = await client.chat.completions.create(request('hi', { tool_choice: { type: 'function', function: { name: 'get_time' } } }));
    const forcedCall = forced.choices[0].message.tool_calls?.[0];
    assert.ok(forcedCall?.type === 'function');
    assert.equal(forcedCall.function.name, 'get_time');
    const required = await client.chat.completions.create(request('hi', { tool_choice: 'required' }));
    const requiredCall = required.choices[0].message.tool_calls?.[0];
    assert.ok(requiredCall?.type === 'function');
    assert.equal(requiredCall.function.name, 'get_weather');
  });

  it('returns parallel calls with tool_calls=2 unless parallel_tool_calls is false', async () => {
    const parallel = await client.chat.completions.create(request('hi [emu tool_calls=2]'));
    const calls = parallel.choices[0].message.tool_calls ?? [];
    assert.deepEqual(calls.map((c) => (c.type === 'function' ? c.function.name : c.type)), ['get_weather', 'get_time']);
    assert.notEqual(calls[0].id, calls[1].id);
    const serial = await client.chat.completions.create(request('hi [emu tool_calls=2]', { parallel_tool_calls: false }));
    assert.equal(serial.choices[0].message.tool_calls?.length, 1);
  });

  it('streams tool-call deltas the way OpenAI does', async () => {
    const stream = await client.chat.completions.create({
      ...request('hi [emu tool_call=get_weather tool_calls=2 tokens=3]'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.length, 1 + 3 + 1 + 3 + 1 + 1);
    const first = chunks[0].choices[0].delta;
    assert.equal(first.role, 'assistant');
    assert.equal(first.content, null);
    assert.deepEqual(first.tool_calls?.[0].function, { name: 'get_weather', arguments: '' });
    assert.equal(first.tool_calls?.[0].type, 'function');
    assert.match(first.tool_calls?.[0].id ?? '', /^call_/);
    for (const fragment of [...chunks.slice(1, 4), ...chunks.slice(5, 8)]) {
      const delta = fragment.choices[0].delta.tool_calls?.[0];
      assert.deepEqual(Object.keys(delta ?? {}).sort(), ['function', 'index']);
      assert.deepEqual(Object.keys(delta?.function ?? {}), ['arguments']);
    }
    const second = chunks[4].choices[0].delta;
    assert.equal(second.role, undefined);
    assert.equal(second.tool_calls?.[0].index, 1);
    const args = [0, 1].map((index) =>
      chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).filter((t) => t.index === index).map((t) => t.function?.arguments ?? '').join(''),
    );
    assert.deepEqual(args.map((a) => JSON.parse(a)), [{ city: 'Switchyard', unit: 'f' }, { city: 'emulated', unit: 'c' }]);
    assert.equal(chunks[8].choices[0].finish_reason, 'tool_calls');
    assert.equal(chunks[9].usage?.completion_tokens, 6);
  });

  it('accumulates into a final message with the SDK stream helper', async () => {
    const runner = client.chat.completions.stream({ ...request('hi [emu tool_call=get_time]'), stream: true });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_time');
    assert.deepEqual(JSON.parse(call.function.arguments), { zone: 'Switchyard' });
  });
});
