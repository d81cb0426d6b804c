import type { IncomingMessage } from 'node:http';
import type { Route, WireFormat } from '../request-context.ts';
import { handleChatCompletions } from './chat-completions.ts';
import { embeddingsMarkerText, handleEmbeddings } from './embeddings.ts';
import { sendOpenAIError } from './errors.ts';
import { handleInputTokens, inputTokensMarkerText } from './input-tokens.ts';
import { countPromptTokens, lastUserText } from './message-text.ts';
import { handleListModels, handleRetrieveModel, isModelPath } from './models.ts';

/** OpenAI authenticates with `Authorization: Bearer <key>` and answers in its error envelope. */
export const openAIFormat: WireFormat = {
  name: 'openai',
  badJson: {
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    code: null,
  },
  isAuthorized(req: IncomingMessage, apiKey: string): boolean {
    return req.headers.authorization === `Bearer ${apiKey}`;
  },
  sendError: sendOpenAIError,
  unservedPath: (method, path) => ({ message: `Invalid URL (${method} ${path})`, code: null, param: null, type: 'invalid_request_error' }),
  contextLengthMessage: (_ctx, promptTokens, limit) =>
    `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
};

/** Prompt tokens of a chat body's `messages` (the usage formula), for `context_window`. */
export function chatPromptTokens(body: unknown): number | undefined {
  const messages = body !== null && typeof body === 'object' ? (body as { messages?: unknown }).messages : undefined;
  return Array.isArray(messages) ? countPromptTokens(messages) : undefined;
}

/** The OpenAI REST endpoints, all under `/v1`. */
export const openAIRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/chat/completions', format: openAIFormat, markerText: lastUserText, promptTokens: chatPromptTokens, handle: handleChatCompletions },
  { method: 'POST', path: '/v1/embeddings', format: openAIFormat, markerText: embeddingsMarkerText, handle: handleEmbeddings },
  { method: 'POST', path: '/v1/responses/input_tokens', format: openAIFormat, markerText: inputTokensMarkerText, handle: handleInputTokens },
  { method: 'GET', path: '/v1/models', format: openAIFormat, handle: handleListModels },
  { method: 'GET', path: isModelPath, format: openAIFormat, handle: handleRetrieveModel },
];
