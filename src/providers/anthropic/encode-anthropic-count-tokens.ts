import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeAnthropicRequest } from './encode-anthropic-request.ts';

/** Messages fields the count endpoint does not take: it counts the prompt, it does not sample. */
const NOT_COUNTED: readonly string[] = ['max_tokens', 'stream', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'metadata'];

/**
 * `POST /v1/messages/count_tokens` body: the Messages body without its sampling fields (model, messages,
 * system, tools, tool_choice, thinking, output_config and the client's other fields stay).
 * https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function encodeAnthropicCountTokens(req: CanonicalRequest): Record<string, unknown> {
  const body = encodeAnthropicRequest({ ...req, stream: false });
  for (const key of NOT_COUNTED) delete body[key];
  return body;
}
