import type { IncomingMessage } from 'node:http';
import { lastUserText } from '../openai/message-text.ts';
import { embeddingsMarkerText } from '../openai/embeddings.ts';
import { chatPromptTokens } from '../openai/routes.ts';
import type { Route, WireFormat } from '../request-context.ts';
import { handleMistralChat } from './chat-completions.ts';
import { handleMistralEmbeddings } from './embeddings.ts';
import { sendMistralError } from './errors.ts';

/** Mistral authenticates with `Authorization: Bearer <key>` and answers in its own error envelopes. */
export const mistralFormat: WireFormat = {
  name: 'mistral',
  badJson: { message: 'Invalid JSON body', type: 'invalid_request_error', code: null },
  isAuthorized(req: IncomingMessage, apiKey: string): boolean {
    return req.headers.authorization === `Bearer ${apiKey}`;
  },
  sendError: sendMistralError,
  unservedPath: () => ({ message: 'Not Found', type: 'invalid_request_error', code: null }),
  contextLengthMessage: (ctx, promptTokens, limit) =>
    `Prompt contains ${promptTokens} tokens and 0 draft tokens, too large for model ${modelOf(ctx.body)} with ${limit} maximum context length`,
};

function modelOf(body: unknown): string {
  const model = body !== null && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'mistral-small-latest';
}

/** Mistral's chat and embeddings endpoints under `/v1` (base URL `https://api.mistral.ai/v1`). */
export const mistralRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/chat/completions', format: mistralFormat, markerText: lastUserText, promptTokens: chatPromptTokens, handle: handleMistralChat },
  { method: 'POST', path: '/v1/embeddings', format: mistralFormat, markerText: embeddingsMarkerText, handle: handleMistralEmbeddings },
];
