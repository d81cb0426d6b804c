import OpenAI from 'openai';
import type { Response, ResponseInputItem } from 'openai/resources/responses/responses';
import { ANSWER_SCHEMA, PRIOR_CALL_ID, TINY_PNG, WEATHER_TOOL, type ChatCall, type NormalizedResult } from './normalized-call.ts';

/** Runs a ChatCall through `/v1/responses` with the official openai SDK. */
export async function callOpenAIResponses(baseURL: string, apiKey: string, c: ChatCall): Promise<NormalizedResult> {
  const client = new OpenAI({ baseURL: baseURL + '/v1', apiKey, maxRetries: 0, timeout: 15_000 });
  const input: ResponseInputItem[] = [];
  if (c.toolResultTurn) {
    input.push(
      { role: 'user', content: 'What is the weather in Paris?' },
      { type: 'function_call', call_id: PRIOR_CALL_ID, name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: PRIOR_CALL_ID, output: '{"temp_c":21}' },
    );
  }
  input.push({
    role: 'user',
    content: c.image
      ? [{ type: 'input_text', text: c.prompt }, { type: 'input_image', image_url: `data:image/png;base64,${TINY_PNG}`, detail: 'auto' }]
      : c.prompt,
  });
  const params = {
    model: c.model,
    instructions: 'You are terse.',
    input,
    ...(c.tools || c.toolResultTurn ? { tools: [{ type: 'function' as const, ...WEATHER_TOOL, strict: false }] } : {}),
    ...(c.jsonSchema ? { text: { format: { type: 'json_schema' as const, name: 'answer', schema: ANSWER_SCHEMA, strict: true } } } : {}),
    ...(c.reasoning ? { reasoning: { effort: 'low' as const } } : {}),
    ...(c.maxTokens ? { max_output_tokens: c.maxTokens } : {}),
  };
  const r: NormalizedResult = { text: '', reasoningText: '', toolCalls: [], finish: '', usage: { input: 0, cached: 0, output: 0 }, deltas: 0 };
  let final: Response | undefined;
  if (!c.stream) {
    final = await client.responses.create(params);
  } else {
    const ctrl = new AbortController();
    const stream = await client.responses.create({ ...params, stream: true }, { signal: ctrl.signal });
    for await (const e of stream) {
      if (e.type === 'response.output_text.delta' || e.type === 'response.function_call_arguments.delta') r.deltas++;
      if (e.type === 'response.completed' || e.type === 'response.incomplete') final = e.response;
      if (c.abortAfterDeltas && r.deltas >= c.abortAfterDeltas) {
        ctrl.abort();
        return r;
      }
    }
  }
  if (!final) throw new Error('stream ended without response.completed');
  for (const item of final.output) {
    if (item.type === 'message') for (const part of item.content) if (part.type === 'output_text') r.text += part.text;
    if (item.type === 'function_call') r.toolCalls.push({ name: item.name, args: item.arguments });
    if (item.type === 'reasoning') r.reasoningText += [...(item.summary ?? []), ...(item.content ?? [])].map((s) => s.text).join('');
  }
  const reason = final.incomplete_details?.reason;
  r.finish = reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content_filter' : r.toolCalls.length ? 'tool_calls' : 'stop';
  const u = final.usage;
  if (u) r.usage = { input: u.input_tokens, cached: u.input_tokens_details?.cached_tokens ?? 0, output: u.output_tokens, reasoning: u.output_tokens_details?.reasoning_tokens ?? 0 };
  return r;
}
