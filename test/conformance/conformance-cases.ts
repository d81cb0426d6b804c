import assert from 'node:assert/strict';
import type { Emulator } from '../emulator/server.ts';
import type { ChatCall, NormalizedResult } from './normalized-call.ts';
import { TINY_PNG } from './normalized-call.ts';

export type InboundApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages';

export interface CaseContext {
  api: InboundApi;
  call: (c: Omit<ChatCall, 'model'>) => Promise<NormalizedResult>;
  emulator: Emulator;
}

export interface ConformanceCase {
  id: string;
  title: string;
  run(ctx: CaseContext): Promise<void>;
}

/** The HTTP status of an SDK error (both official SDKs expose `status`). */
async function statusOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return 200;
  } catch (err) {
    return (err as { status?: number }).status;
  }
}

const lastUpstreamBody = (e: Emulator) => JSON.stringify(e.log.last()?.body ?? '');

export const CASES: readonly ConformanceCase[] = [
  {
    id: 'text', title: 'text',
    async run({ call }) {
      const r = await call({ prompt: 'Say hi [emu tokens=5]', stream: false });
      assert.ok(r.text.length > 0, 'no text');
      assert.equal(r.finish, 'stop');
      assert.equal(r.usage.output, 5);
      assert.ok(r.usage.input > 0);
    },
  },
  {
    id: 'stream_text', title: 'streaming text',
    async run({ call }) {
      const r = await call({ prompt: 'Say hi [emu tokens=5]', stream: true });
      assert.ok(r.text.length > 0, 'no text');
      assert.equal(r.finish, 'stop');
      assert.equal(r.usage.output, 5);
    },
  },
  {
    id: 'tool_call', title: 'tool call',
    async run({ call }) {
      const r = await call({ prompt: 'Weather in Paris? [emu tool_call=get_weather]', stream: false, tools: true });
      assert.equal(r.toolCalls.length, 1);
      assert.equal(r.toolCalls[0].name, 'get_weather');
      assert.equal(typeof JSON.parse(r.toolCalls[0].args), 'object');
      assert.equal(r.finish, 'tool_calls');
    },
  },
  {
    id: 'stream_tool_call', title: 'streamed tool call',
    async run({ call }) {
      const r = await call({ prompt: 'Weather in Paris? [emu tool_call=get_weather]', stream: true, tools: true });
      assert.equal(r.toolCalls.length, 1);
      assert.equal(r.toolCalls[0].name, 'get_weather');
      assert.equal(typeof JSON.parse(r.toolCalls[0].args), 'object');
      assert.equal(r.finish, 'tool_calls');
    },
  },
  {
    id: 'parallel_tool_calls', title: 'parallel tool calls',
    async run({ call }) {
      const r = await call({ prompt: 'Weather in Paris and Rome? [emu tool_call=get_weather tool_calls=2]', stream: true, tools: true });
      assert.equal(r.toolCalls.length, 2);
      for (const t of r.toolCalls) assert.equal(typeof JSON.parse(t.args), 'object');
    },
  },
  {
    id: 'tool_result_turn', title: 'tool result turn',
    async run({ call, emulator }) {
      const r = await call({ prompt: 'Summarize [emu tokens=4]', stream: false, toolResultTurn: true });
      assert.ok(r.text.length > 0);
      assert.match(lastUpstreamBody(emulator), /temp_c/, 'the tool result reached the provider');
    },
  },
  {
    id: 'image_input', title: 'image input',
    async run({ call, emulator }) {
      const r = await call({ prompt: 'Describe [emu tokens=3]', stream: false, image: true });
      assert.ok(r.text.length > 0);
      assert.ok(lastUpstreamBody(emulator).includes(TINY_PNG.slice(0, 40)), 'the image reached the provider');
    },
  },
  {
    id: 'json_schema', title: 'JSON schema output',
    async run({ call }) {
      const r = await call({ prompt: 'Answer in JSON', stream: false, jsonSchema: true });
      const v = JSON.parse(r.text) as unknown;
      assert.equal(typeof v, 'object');
    },
  },
  {
    id: 'reasoning', title: 'reasoning content',
    async run({ call }) {
      const r = await call({ prompt: 'Think first [emu tokens=2 reasoning_tokens=3]', stream: true, reasoning: true, maxTokens: 4096 });
      assert.ok(r.reasoningText.length > 0, 'no reasoning text');
      assert.ok(r.text.length > 0, 'no answer after the reasoning');
    },
  },
  {
    id: 'usage_cache', title: 'usage: cached input tokens',
    async run({ call }) {
      const r = await call({ prompt: 'Count [emu tokens=3 cached_tokens=4]', stream: false });
      assert.equal(r.usage.cached, 4, 'cached tokens');
      assert.equal(r.usage.output, 3);
    },
  },
  {
    id: 'usage_reasoning', title: 'usage: reasoning tokens',
    async run({ call }) {
      const r = await call({ prompt: 'Count [emu tokens=3 reasoning_tokens=2]', stream: false, reasoning: true, maxTokens: 4096 });
      assert.equal(r.usage.output, 5, 'output = text + reasoning');
      assert.equal(r.usage.reasoning, 2, 'reasoning tokens');
    },
  },
  {
    id: 'stop_reasons', title: 'stop reasons: length, tool, stop',
    async run({ call }) {
      assert.equal((await call({ prompt: 'x [emu finish_reason=length]', stream: false })).finish, 'length');
      assert.equal((await call({ prompt: 'x [emu tool_call=get_weather]', stream: false, tools: true })).finish, 'tool_calls');
      assert.equal((await call({ prompt: 'x [emu finish_reason=stop]', stream: false })).finish, 'stop');
    },
  },
  {
    id: 'stop_content_filter', title: 'stop reason: content filter',
    async run({ call }) {
      assert.equal((await call({ prompt: 'x [emu finish_reason=content_filter]', stream: false })).finish, 'content_filter');
    },
  },
  {
    id: 'upstream_error', title: 'upstream error mapping',
    async run({ call }) {
      assert.equal(await statusOf(call({ prompt: 'x [emu status=429 retry_after=1]', stream: false })), 429);
      assert.equal(await statusOf(call({ prompt: 'x [emu status=500]', stream: false })), 502);
      assert.equal(await statusOf(call({ prompt: 'x [emu status=400]', stream: false })), 400);
    },
  },
  {
    id: 'abort_mid_stream', title: 'abort mid-stream',
    async run({ call, emulator }) {
      emulator.log.clear();
      await call({ prompt: 'Long [emu tokens=300 token_delay_ms=10]', stream: true, abortAfterDeltas: 3 });
      const entry = await emulator.log.waitFor((e) => e.outcome === 'aborted', 5000);
      assert.ok(entry, 'the upstream call was cancelled');
    },
  },
];
