import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Message } from '@anthropic-ai/sdk/resources/messages';
import { ANSWER_SCHEMA, PRIOR_CALL_ID, TINY_PNG, WEATHER_TOOL, type ChatCall, type NormalizedResult } from './normalized-call.ts';

const STOP: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter' };

/** Runs a ChatCall through `/v1/messages` with the official Anthropic SDK (key sent as `x-api-key`). */
export async function callAnthropicMessages(baseURL: string, apiKey: string, c: ChatCall): Promise<NormalizedResult> {
  const client = new Anthropic({ baseURL, apiKey, maxRetries: 0, timeout: 15_000 });
  const messages: MessageParam[] = [];
  if (c.toolResultTurn) {
    messages.push(
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: PRIOR_CALL_ID, name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: PRIOR_CALL_ID, content: '{"temp_c":21}' }, { type: 'text', text: c.prompt }] },
    );
  } else {
    messages.push({
      role: 'user',
      content: c.image ? [{ type: 'text', text: c.prompt }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG } }] : c.prompt,
    });
  }
  const params = {
    model: c.model,
    system: 'You are terse.',
    max_tokens: c.maxTokens ?? 2048,
    messages,
    ...(c.tools || c.toolResultTurn ? { tools: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters as Anthropic.Tool.InputSchema }] } : {}),
    ...(c.reasoning ? { thinking: { type: 'enabled' as const, budget_tokens: 1024 } } : {}),
    ...(c.jsonSchema ? { output_config: { format: { type: 'json_schema' as const, schema: ANSWER_SCHEMA } } } : {}),
  };
  const r: NormalizedResult = { text: '', reasoningText: '', toolCalls: [], finish: '', usage: { input: 0, cached: 0, output: 0 }, deltas: 0 };
  let msg: Message;
  if (!c.stream) {
    msg = await client.messages.create(params);
  } else {
    const stream = client.messages.stream(params);
    if (c.abortAfterDeltas) {
      for await (const e of stream) {
        if (e.type === 'content_block_delta') r.deltas++;
        if (r.deltas >= c.abortAfterDeltas) {
          stream.abort();
          return r;
        }
      }
    }
    msg = await stream.finalMessage();
  }
  for (const b of msg.content) {
    if (b.type === 'text') r.text += b.text;
    if (b.type === 'thinking') r.reasoningText += b.thinking;
    if (b.type === 'tool_use') r.toolCalls.push({ name: b.name, args: JSON.stringify(b.input) });
  }
  r.finish = STOP[msg.stop_reason ?? ''] ?? String(msg.stop_reason);
  const u = msg.usage;
  r.usage = {
    input: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0),
    cached: u.cache_read_input_tokens ?? 0,
    output: u.output_tokens,
    reasoning: u.output_tokens_details?.thinking_tokens ?? 0,
  };
  return r;
}
