import { HttpError } from '../../server/http-error.ts';
import type { UpstreamFailure } from '../../upstream/upstream-failure.ts';
import { classifyOpenAIError } from '../openai/classify-openai-error.ts';

function errorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown } };
    const code = body?.error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Azure OpenAI answers model-level failures in OpenAI's envelope and gateway-level ones as
 * `{"error":{"code","message"}}`, so OpenAI's classification applies, with two Azure cases:
 * a 400 `content_filter` (the prompt tripped the content filter) goes back to the client as that
 * code, and a 404 for a missing deployment or path is the operator's configuration, so it fails over.
 * 429s carry `retry-after` / `retry-after-ms`, read by the shared classifier.
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter
 */
export function classifyAzureOpenAIError(providerId: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamFailure {
  const base = classifyOpenAIError(providerId, status, headers, text);
  const code = errorCode(text);
  if (status === 400 && code === 'content_filter') {
    return {
      errorClass: 'invalid_request',
      action: 'return',
      upstreamStatus: status,
      clientError: new HttpError(400, 'invalid_request_error', 'content_filter', base.clientError.message, { param: base.clientError.param ?? 'prompt' }),
    };
  }
  if (status === 404) {
    return {
      errorClass: 'not_found',
      action: 'failover',
      upstreamStatus: status,
      clientError: new HttpError(502, 'upstream_error', 'upstream_not_found',
        `provider ${providerId} has no such deployment or path (HTTP 404${code ? ` ${code}` : ''}); the operator must check its deployments, base_url and api_version`),
    };
  }
  return base;
}
