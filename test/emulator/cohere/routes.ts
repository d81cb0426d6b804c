import type { IncomingMessage } from 'node:http';
import { lastUserText } from '../openai/message-text.ts';
import { chatPromptTokens } from '../openai/routes.ts';
import type { Route, WireFormat } from '../request-context.ts';
import { handleCohereChat } from './chat.ts';
import { embedMarkerText, handleCohereEmbed } from './embed.ts';
import { sendCohereError } from './errors.ts';

/** Cohere authenticates with `Authorization: Bearer <key>` and answers errors as `{id, message}`. */
export const cohereFormat: WireFormat = {
  name: 'cohere',
  badJson: { message: 'invalid request: could not parse the request body as JSON' },
  isAuthorized(req: IncomingMessage, apiKey: string): boolean {
    return req.headers.authorization === `Bearer ${apiKey}`;
  },
  sendError: sendCohereError,
  unservedPath: () => ({ message: 'Not Found' }),
  contextLengthMessage: (_ctx, promptTokens, limit) =>
    `too many tokens: total number of tokens in the prompt cannot exceed ${limit} - received ${promptTokens}. Try using a shorter prompt, or enabling prompt truncating.`,
};

/** Cohere's v2 chat and embed endpoints (base URL `https://api.cohere.com/v2`). */
export const cohereRoutes: readonly Route[] = [
  { method: 'POST', path: '/v2/chat', format: cohereFormat, markerText: lastUserText, promptTokens: chatPromptTokens, handle: handleCohereChat },
  { method: 'POST', path: '/v2/embed', format: cohereFormat, markerText: embedMarkerText, handle: handleCohereEmbed },
];
