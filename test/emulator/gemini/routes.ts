import type { IncomingMessage } from 'node:http';
import type { RequestContext, Route, WireFormat } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { generatePromptTokens, lastUserContentText } from './content-text.ts';
import { countTokensMarkerText, handleCountTokens } from './count-tokens.ts';
import { embedMarkerText, handleEmbedContents } from './embed-contents.ts';
import { handleGenerateContent } from './generate-content.ts';
import { GOOGLE_BAD_JSON, googleContextLengthMessage, sendGoogleError } from './google-errors.ts';
import type { ErrorDetail } from '../request-context.ts';
import { parseGeminiModelPath } from './model-path.ts';

function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-goog-api-key'];
  if (typeof header === 'string') return header;
  const q = req.url?.indexOf('?') ?? -1;
  return q === -1 ? undefined : (new URLSearchParams(req.url!.slice(q + 1)).get('key') ?? undefined);
}

/**
 * Google's answers to a missing or wrong API key: a wrong key is a 400 INVALID_ARGUMENT with ErrorInfo
 * reason `API_KEY_INVALID`, a missing one a 403 PERMISSION_DENIED. The pipeline reports an authentication
 * failure as `sendError(ctx, 401)` with no detail (a `status=401` directive always passes a detail object).
 */
function sendGeminiError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  if (status !== 401 || detail !== undefined) return sendGoogleError(ctx, status, detail);
  if (apiKeyOf(ctx.req) === undefined) {
    sendGoogleError(ctx, 403, {
      message: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    });
    return;
  }
  sendJson(ctx, 400, {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [{
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      }],
    },
  });
}

/** The Gemini API authenticates with `x-goog-api-key` (or `?key=`) and answers in Google's error envelope. */
export const geminiFormat: WireFormat = {
  name: 'gemini',
  badJson: GOOGLE_BAD_JSON,
  isAuthorized: (req, apiKey) => apiKeyOf(req) === apiKey,
  sendError: sendGeminiError,
  unservedPath: () => ({ code: 'NOT_FOUND' }),
  contextLengthMessage: (_ctx, promptTokens, limit) => googleContextLengthMessage(promptTokens, limit),
};

const isMethod = (method: string) => (path: string): boolean => parseGeminiModelPath(path)?.method === method;
const modelOf = (ctx: RequestContext): string => parseGeminiModelPath(ctx.path)!.model;

/** The Gemini API endpoints (`/v1beta/models/{model}:{method}`; `/v1` and `/v1alpha` too). */
export const geminiRoutes: readonly Route[] = [
  { method: 'POST', path: isMethod('generateContent'), format: geminiFormat, markerText: lastUserContentText, promptTokens: generatePromptTokens, handle: (ctx) => handleGenerateContent(ctx, modelOf(ctx), false, 'gemini') },
  { method: 'POST', path: isMethod('streamGenerateContent'), format: geminiFormat, markerText: lastUserContentText, promptTokens: generatePromptTokens, handle: (ctx) => handleGenerateContent(ctx, modelOf(ctx), true, 'gemini') },
  { method: 'POST', path: isMethod('batchEmbedContents'), format: geminiFormat, markerText: embedMarkerText, handle: (ctx) => handleEmbedContents(ctx, modelOf(ctx), true) },
  { method: 'POST', path: isMethod('embedContent'), format: geminiFormat, markerText: embedMarkerText, handle: (ctx) => handleEmbedContents(ctx, modelOf(ctx), false) },
  { method: 'POST', path: isMethod('countTokens'), format: geminiFormat, markerText: countTokensMarkerText, handle: (ctx) => handleCountTokens(ctx, 'gemini') },
];
