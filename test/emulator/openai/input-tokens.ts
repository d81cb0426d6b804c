import { stripMarkers } from '../directives.ts';
import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countWords } from '../text-generator.ts';
import { sendOpenAIError } from './errors.ts';
import { messageText } from './message-text.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const tokensOf = (text: string): number => 4 + countWords(stripMarkers(text));

function partsText(value: unknown): string {
  if (typeof value === 'string') return value;
  return messageText({ content: value });
}

/**
 * Input tokens of a Responses body by the chat formula (4 + words per message): `instructions` is one
 * message, each message item one, each `function_call_output` one (a tool message); `function_call`
 * items count 0, as assistant tool calls do in chat.
 */
export function countResponsesInputTokens(body: Obj): number {
  let tokens = typeof body.instructions === 'string' ? tokensOf(body.instructions) : 0;
  const input = body.input;
  if (typeof input === 'string') return tokens + tokensOf(input);
  if (!Array.isArray(input)) return tokens;
  for (const item of input) {
    if (!isObject(item)) continue;
    if (item.type === 'function_call_output') tokens += tokensOf(partsText(item.output));
    else if (item.type === 'message' || (item.type === undefined && typeof item.role === 'string')) tokens += tokensOf(partsText(item.content));
  }
  return tokens;
}

/** Where the `[emu …]` marker is read: the text of the last user message item (or a string input). */
export function inputTokensMarkerText(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.input === 'string') return body.input;
  if (!Array.isArray(body.input)) return undefined;
  for (let i = body.input.length - 1; i >= 0; i--) {
    const item = body.input[i];
    if (isObject(item) && item.role === 'user') return partsText(item.content);
  }
  return undefined;
}

/**
 * `POST /v1/responses/input_tokens`: a Responses request body (every field optional) →
 * `{"object": "response.input_tokens", "input_tokens": N}`.
 * https://platform.openai.com/docs/api-reference/responses/input-tokens
 */
export function handleInputTokens(ctx: RequestContext): void {
  const body = ctx.body;
  if (!isObject(body)) return sendOpenAIError(ctx, 400, { message: 'The request body must be a JSON object.', type: 'invalid_request_error', param: null, code: null });
  if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return sendOpenAIError(ctx, 400, { message: "Invalid type for 'input': expected a string or an array of input items.", type: 'invalid_request_error', param: 'input', code: 'invalid_type' });
  }
  sendJson(ctx, 200, { object: 'response.input_tokens', input_tokens: countResponsesInputTokens(body) });
}
