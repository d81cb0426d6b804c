import { HttpError } from '../../server/http-error.ts';
import type { UpstreamFailure } from '../../upstream/upstream-failure.ts';
import { upstreamAuthFailure, rateLimitedFailure, serverFaultFailure } from '../../upstream/status-failures.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 2000) : undefined);
const CONTEXT_TOO_LONG = /too large for model|maximum context length|context length|too many tokens/i;

interface MistralError {
  message?: string;
  type?: string;
  param?: string;
}

/** FastAPI validation items `{loc, msg, type}` → "body.messages: Field required; …", plus the first field name. */
function validationDetail(detail: unknown[]): MistralError {
  const parts: string[] = [];
  let param: string | undefined;
  for (const item of detail) {
    if (!isObject(item)) continue;
    const loc = Array.isArray(item.loc) ? item.loc.filter((l) => l !== 'body').map(String) : [];
    param ??= loc[loc.length - 1];
    parts.push(loc.length > 0 ? `${loc.join('.')}: ${str(item.msg) ?? 'invalid'}` : (str(item.msg) ?? 'invalid'));
  }
  return { message: parts.length > 0 ? parts.join('; ') : undefined, type: 'invalid_request_error', param };
}

/**
 * Mistral answers errors in several shapes: `{object:'error', message, type, param, code}` from the
 * inference service (where a 422 carries FastAPI's `{detail:[…]}` inside `message`), bare `{detail:[…]}` or
 * `{detail:'Not Found'}` from the API layer, and `{message:'Unauthorized', request_id}` from the gateway.
 */
function parseMistralError(text: string): MistralError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isObject(body)) return {};
  if (isObject(body.message) && Array.isArray(body.message.detail)) return validationDetail(body.message.detail);
  if (Array.isArray(body.detail)) return validationDetail(body.detail);
  return { message: str(body.message) ?? str(body.detail), type: str(body.type), param: str(body.param) };
}

/**
 * Classifies a non-2xx answer from Mistral like OpenAI's (`classify-openai-error.ts`): 401/403 fail over
 * as the gateway's credential problem (Mistral's text is dropped), 429 is rate limiting with retry-after,
 * 408 and 5xx fail over, other 4xx return to the client in Mistral's words. A 400 saying the prompt is too
 * large for the model gets code `context_length_exceeded`; an `invalid_model` error is a 404 `model_not_found`.
 * https://docs.mistral.ai/api/
 */
export function classifyMistralError(providerId: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamFailure {
  const err = parseMistralError(text);
  if (status === 401 || status === 403) return upstreamAuthFailure(providerId, status);
  if (status === 429) return rateLimitedFailure(providerId, status, headers, err.message);
  if (status >= 500 || status === 408) return serverFaultFailure(providerId, status, headers, err.message);
  const notFound = status === 404 || err.type === 'invalid_model';
  const contextTooLong = !notFound && err.message !== undefined && CONTEXT_TOO_LONG.test(err.message);
  const code = contextTooLong ? 'context_length_exceeded'
    : notFound ? 'model_not_found'
      : err.type !== undefined && err.type !== 'invalid_request_error' ? err.type : 'upstream_invalid_request';
  return {
    errorClass: notFound ? 'not_found' : 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(notFound ? 404 : status === 413 ? 413 : status === 422 ? 422 : 400, 'invalid_request_error', code,
      err.message ?? `provider ${providerId} rejected the request (HTTP ${status})`, { param: contextTooLong ? 'messages' : err.param }),
  };
}
