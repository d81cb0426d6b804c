import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ANSWER_SCHEMA, PRIOR_CALL_ID, TINY_PNG, WEATHER_TOOL, type ChatCall, type NormalizedResult } from './normalized-call.ts';

/** Runs a ChatCall through `/v1/chat/completions` with the official openai SDK. */
export async function callOpenAIChat(baseURL: string, apiKey: string, c: ChatCall): Promise<NormalizedResult> {
  const client = new OpenAI({ baseURL: baseURL + '/v1', apiKey, maxRetries: 0, timeout: 15_000 });
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are terse.' }];
  if (c.toolResultTurn) {
    messages.push(
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: PRIOR_CALL_ID, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: PRIOR_CALL_ID, content: '{"temp_c":21}' },
    );
  }
  messages.push({
    role: 'user',
    content: c.image ? [{ type: 'text', text: c.prompt }, { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG}` } }] : c.prompt,
  });
  const params = {
    model: c.model,
    messages,
    ...(c.tools || c.toolResultTurn ? { tools: [{ type: 'function' as const, function: WEATHER_TOOL }] } : {}),
    ...(c.jsonSchema ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'answer', schema: ANSWER_SCHEMA, strict: true } } } : {}),
    ...(c.reasoning ? { reasoning_effort: 'low' as const } : {}),
    ...(c.maxTokens ? { max_completion_tokens: c.maxTokens } : {}),
  };
  const r: NormalizedResult = { text: '', reasoningText: '', toolCalls: [], finish: '', usage: { input: 0, cached: 0, output: 0 }, deltas: 0 };
  const setUsage = (u: OpenAI.CompletionUsage | undefined | null) => {
    if (!u) return;
    r.usage = { input: u.prompt_tokens, cached: u.prompt_tokens_details?.cached_tokens ?? 0, output: u.completion_tokens, reasoning: u.completion_tokens_details?.reasoning_tokens ?? 0 };
  };
  if (!c.stream) {
    const res = await client.chat.completions.create(params);
    const m = res.choices[0].message;
    r.text = m.content ?? '';
    r.reasoningText = (m as { reasoning_content?: string }).reasoning_content ?? '';
    r.toolCalls = (m.tool_calls ?? []).map((t) => ({ name: t.type === 'function' ? t.function.name : '', args: t.type === 'function' ? t.function.arguments : '' }));
    r.finish = res.choices[0].finish_reason;
    setUsage(res.usage);
    return r;
  }
  const ctrl = new AbortController();
  const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal: ctrl.signal });
  const calls = new Map<number, { name: string; args: string }>();
  for await (const chunk of stream) {
    const ch = chunk.choices[0];
    if (ch?.delta?.content) {
      r.text += ch.delta.content;
      r.deltas++;
    }
    const reasoning = (ch?.delta as { reasoning_content?: string } | undefined)?.reasoning_content;
    if (reasoning) r.reasoningText += reasoning;
    for (const t of ch?.delta?.tool_calls ?? []) {
      const cur = calls.get(t.index) ?? { name: '', args: '' };
      cur.name += t.function?.name ?? '';
      cur.args += t.function?.arguments ?? '';
      calls.set(t.index, cur);
      r.deltas++;
    }
    if (ch?.finish_reason) r.finish = ch.finish_reason;
    setUsage(chunk.usage);
    if (c.abortAfterDeltas && r.deltas >= c.abortAfterDeltas) {
      ctrl.abort();
      break;
    }
  }
  r.toolCalls = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  return r;
}
