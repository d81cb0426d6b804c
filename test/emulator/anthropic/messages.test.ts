import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { anthropicClient, anthropicHeaders, messagesBody, namedEvents } from './test-client.ts';

const EIGHT_TOKENS = 'Switchyard emulated reply with plain deterministic words so';

function usage(input: number, output: number, cacheRead = 0, cacheWrite = 0, thinking = 0): Record<string, unknown> {
  return {
    input_tokens: input,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    service_tier: 'standard',
    ...(thinking > 0 ? { output_tokens_details: { thinking_tokens: thinking } } : {}),
  };
}

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};

describe('POST /v1/messages', () => {
  let emulator: Emulator;
  let client: Anthropic;
  before(async () => {
    emulator = await startEmulator({ provider: 'anthropic', apiKey: 'sk-ant-test' });
    client = anthropicClient(emulator, 'sk-ant-test');
  });
  after(() => emulator.close());

  it('returns a complete Message with exact usage and a request-id', async () => {
    const { data, response } = await client.messages.create(messagesBody('hello there')).withResponse();
    const entry = emulator.log.last();
    assert.equal(response.headers.get('request-id'), `req_emu${entry?.id}`);
    assert.match(data.id, /^msg_emu/);
    assert.deepEqual({ ...data, id: 'x' }, {
      id: 'x',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: EIGHT_TOKENS }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: usage(6, 8),
    });
    assert.equal(entry?.outcome, 'completed');
    assert.equal(typeof entry?.headers['anthropic-version'], 'string');
    assert.equal(entry?.headers.authorization, 'Bearer sk-ant-test');
  });

  it('counts system and each tool result as a message, and reports cache reads, cache writes and thinking', async () => {
    const m = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      system: 'You are terse.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'one two' }, { type: 'text', text: 'three' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }, { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: {} }] },
        { role: 'user', content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'cold and windy' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'warm' }] },
          { type: 'text', text: 'count me [emu tokens=2 cached_tokens=10 cache_write_tokens=7 reasoning_tokens=4]' },
        ] },
      ],
    });
    assert.deepEqual(m.usage, usage((4 + 3) + (4 + 3) + (4 + 0) + (4 + 3) + (4 + 1) + (4 + 2), 2 + 4, 10, 7, 4));
    assert.deepEqual(m.content, [
      { type: 'thinking', thinking: 'Switchyard emulated reply with', signature: m.content[0].type === 'thinking' ? m.content[0].signature : '' },
      { type: 'text', text: 'Switchyard emulated' },
    ]);
    assert.ok(m.content[0].type === 'thinking' && m.content[0].signature.length > 0);
  });

  it('stops at max_tokens, counting thinking against the limit', async () => {
    const m = await client.messages.create({ ...messagesBody('hi [emu reasoning_tokens=2]'), max_tokens: 5 });
    assert.equal(m.stop_reason, 'max_tokens');
    assert.deepEqual(m.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['thinking', 'Switchyard emulated reply']);
    assert.equal(m.usage.output_tokens, 5);
  });

  it('streams the documented named-event sequence with ping, indexes and message_delta usage', async () => {
    const res = await fetch(`${emulator.url}/v1/messages`, {
      method: 'POST',
      headers: anthropicHeaders('sk-ant-test'),
      body: JSON.stringify({ ...messagesBody('hi [emu tokens=2 reasoning_tokens=2 cached_tokens=3]'), stream: true }),
    });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const events = namedEvents(await res.text());
    const id = (events[0].data.message as { id: string }).id;
    assert.deepEqual(events.map((e) => e.event), [
      'message_start', 'ping',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'message_delta', 'message_stop',
    ]);
    assert.deepEqual(events[0].data, { type: 'message_start', message: {
      id, type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, stop_sequence: null, usage: usage(5, 1, 3),
    } });
    assert.deepEqual(events[2].data, { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } });
    assert.deepEqual(events[3].data, { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Switchyard' } });
    assert.equal((events[5].data.delta as { type: string }).type, 'signature_delta');
    assert.deepEqual(events[7].data, { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
    assert.deepEqual(events[9].data, { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ' emulated' } });
    assert.deepEqual(events[10].data, { type: 'content_block_stop', index: 1 });
    assert.deepEqual(events[11].data, { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: {
      input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 3, output_tokens: 4, output_tokens_details: { thinking_tokens: 2 },
    } });
    assert.deepEqual(events[12].data, { type: 'message_stop' });
    assert.equal(emulator.log.last()?.chunksSent, 13);
  });

  it('lets the SDK stream helper rebuild the same Message as the non-streaming call', async () => {
    const body = messagesBody('hi [emu tokens=3 reasoning_tokens=2 cached_tokens=4 cache_write_tokens=5]');
    const plain = await client.messages.create(body);
    const stream = client.messages.stream(body);
    let text = '';
    stream.on('text', (t) => (text += t));
    const streamed = await stream.finalMessage();
    assert.equal(text, 'Switchyard emulated reply');
    const strip = (m: Anthropic.Message) => ({
      type: m.type, role: m.role, model: m.model, content: m.content, stop_reason: m.stop_reason, stop_sequence: m.stop_sequence,
      usage: [m.usage.input_tokens, m.usage.cache_read_input_tokens, m.usage.cache_creation_input_tokens, m.usage.output_tokens, m.usage.output_tokens_details],
    });
    assert.deepEqual(strip(streamed), strip(plain));
  });

  it('returns tool_use blocks whose input streams as input_json_delta fragments', async () => {
    const body = { ...messagesBody('weather? [emu tool_calls=2 tokens=3]'), tools: [WEATHER_TOOL] };
    const m = await client.messages.create(body);
    assert.equal(m.stop_reason, 'tool_use');
    assert.deepEqual(m.content.map((b) => b.type === 'tool_use' && [b.name, b.input]), [
      ['get_weather', { city: 'Switchyard', days: 2 }],
      ['get_weather', { city: 'emulated', days: 3 }],
    ]);
    assert.equal(m.usage.output_tokens, 6);
    const res = await fetch(`${emulator.url}/v1/messages`, { method: 'POST', headers: anthropicHeaders('sk-ant-test'), body: JSON.stringify({ ...body, stream: true }) });
    const events = namedEvents(await res.text());
    const fragments = events.filter((e) => (e.data.delta as { type?: string } | undefined)?.type === 'input_json_delta');
    assert.deepEqual(fragments.map((e) => e.data.index), [0, 0, 0, 1, 1, 1]);
    assert.equal(fragments.slice(0, 3).map((e) => (e.data.delta as { partial_json: string }).partial_json).join(''), '{"city":"Switchyard","days":2}');
    const streamed = await client.messages.stream(body).finalMessage();
    assert.deepEqual(streamed.content.map((b) => b.type === 'tool_use' && b.input), [{ city: 'Switchyard', days: 2 }, { city: 'emulated', days: 3 }]);
  });

  it('forces tools by tool_choice and honours none and disable_parallel_tool_use', async () => {
    const tools = [WEATHER_TOOL, { name: 'get_time', input_schema: { type: 'object' as const, properties: {} } }];
    const any = await client.messages.create({ ...messagesBody('x'), tools, tool_choice: { type: 'any' } });
    assert.deepEqual(any.content.map((b) => b.type === 'tool_use' && b.name), ['get_weather']);
    const named = await client.messages.create({ ...messagesBody('x [emu tool_calls=3]'), tools, tool_choice: { type: 'tool', name: 'get_time', disable_parallel_tool_use: true } });
    assert.deepEqual(named.content.map((b) => b.type === 'tool_use' && b.name), ['get_time']);
    const none = await client.messages.create({ ...messagesBody('x [emu tool_call=get_time]'), tools, tool_choice: { type: 'none' } });
    assert.equal(none.content[0].type, 'text');
  });

  it('maps finish_reason directives to Anthropic stop reasons', async () => {
    for (const [directive, reason] of [['length', 'max_tokens'], ['stop', 'end_turn'], ['tool_calls', 'tool_use'], ['content_filter', 'refusal']]) {
      const m = await client.messages.create(messagesBody(`x [emu finish_reason=${directive}]`));
      assert.equal(m.stop_reason, reason);
    }
  });

  it('answers output_config.format json_schema with a sample of the schema', async () => {
    const m = await client.messages.create({
      ...messagesBody('x [emu tokens=4]'),
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { answer: { type: 'string' } } } } },
    });
    assert.deepEqual(m.content, [{ type: 'text', text: '{"answer":"Switchyard"}' }]);
    assert.equal(m.usage.output_tokens, 4);
  });
});
