import { HttpError } from '../../server/http-error.ts';
import type { UpstreamFailure } from '../../upstream/upstream-failure.ts';
import { upstreamAuthFailure, rateLimitedFailure, serverFaultFailure } from '../../upstream/status-failures.ts';

interface OpenAIErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown };
}

function parseError(text: string): OpenAIErrorBody['error'] | undefined {
  try {
    const body = JSON.parse(text) as OpenAIErrorBody;
    return body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 2000) : undefined);

/**
 * Classifies a non-2xx answer from an OpenAI-format upstream.
 * Client mistakes (400/404/409/413/422) are returned as-is, in OpenAI's own words; throttling and
 * server faults fail over; a rejected provider key fails over and is reported as the gateway's
 * fault, never as the client's (the upstream's 401 text may quote the provider key, so it is dropped).
 * https://platform.openai.com/docs/guides/error-codes
 */
export function classifyOpenAIError(providerId: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamFailure {
  const err = parseError(text);
  const upstreamMessage = str(err?.message);
  const code = str(err?.code);
  if (status === 401 || status === 403) return upstreamAuthFailure(providerId, status);
  if (status === 429) return rateLimitedFailure(providerId, status, headers, upstreamMessage);
  if (status >= 500 || status === 408) return serverFaultFailure(providerId, status, headers, upstreamMessage);
  const clientStatus = status === 404 ? 404 : status === 413 ? 413 : status === 422 ? 422 : 400;
  return {
    errorClass: status === 404 ? 'not_found' : 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(clientStatus, str(err?.type) ?? 'invalid_request_error', code ?? 'upstream_invalid_request',
      upstreamMessage ?? `provider ${providerId} rejected the request (HTTP ${status})`, { param: str(err?.param) }),
  };
}
