import type { IncomingMessage } from 'node:http';
import type { Route, WireFormat } from '../request-context.ts';
import { sendAnthropicError } from './errors.ts';
import { countPromptTokens, lastUserText } from './message-text.ts';
import { handleCountTokens } from './count-tokens.ts';
import { handleMessages } from './messages.ts';

/**
 * Anthropic authenticates with `x-api-key: <key>` (https://docs.anthropic.com/en/api/overview#authentication);
 * `@anthropic-ai/sdk` 1.x sends the key as `Authorization: Bearer <key>`, which is accepted too.
 * Errors use the `{type:'error'}` envelope.
 */
export const anthropicFormat: WireFormat = {
  name: 'anthropic',
  badJson: { message: 'There was an issue with the format or content of your request: the body is not valid JSON.' },
  isAuthorized(req: IncomingMessage, apiKey: string): boolean {
    return req.headers['x-api-key'] === apiKey || req.headers.authorization === `Bearer ${apiKey}`;
  },
  sendError: sendAnthropicError,
  unservedPath: () => ({ type: 'not_found_error', message: 'Not Found' }),
  contextLengthMessage: (_ctx, promptTokens, limit) => `prompt is too long: ${promptTokens} tokens > ${limit} maximum`,
};

function messagesPromptTokens(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { system, messages } = body as { system?: unknown; messages?: unknown };
  return Array.isArray(messages) ? countPromptTokens(system, messages) : undefined;
}

/** The Anthropic REST endpoints, under `/v1`. */
export const anthropicRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/messages', format: anthropicFormat, markerText: lastUserText, promptTokens: messagesPromptTokens, handle: handleMessages },
  { method: 'POST', path: '/v1/messages/count_tokens', format: anthropicFormat, markerText: lastUserText, handle: handleCountTokens },
];
