import { HttpError } from '../../server/http-error.ts';
import { parseRetryAfter, type UpstreamFailure } from '../../upstream/upstream-failure.ts';

type Headers = Record<string, string | string[] | undefined>;

const CONTEXT_TOO_LONG = /too long|too many (input )?tokens|context (window|length)|maximum context|exceeds? the max(imum)? (number of )?(input )?tokens/i;
const AUTH_TYPES = new Set([
  'AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignatureException',
  'MissingAuthenticationTokenException', 'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch',
]);
const THROTTLE_TYPES = new Set(['ThrottlingException', 'ModelNotReadyException', 'ServiceQuotaExceededException', 'TooManyRequestsException']);

/**
 * The AWS error type of a restJson1 error: the `x-amzn-errortype` header (`Type:namespace-url`),
 * else the body's `__type` (`namespace#Type`), else `code`.
 */
export function bedrockErrorType(headers: Headers, body: Record<string, unknown> | undefined): string | undefined {
  const h = headers['x-amzn-errortype'];
  const raw = (Array.isArray(h) ? h[0] : h) ?? (typeof body?.__type === 'string' ? body.__type : typeof body?.code === 'string' ? body.code : undefined);
  if (!raw) return undefined;
  const type = raw.split(':')[0];
  return type.includes('#') ? type.slice(type.lastIndexOf('#') + 1) : type;
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Classifies a non-2xx Bedrock answer by its AWS error type (status as fallback). Client mistakes
 * (ValidationException; input too long → `context_length_exceeded`) return at once; credential and
 * model-access errors fail over and are reported as the gateway's fault without the upstream text;
 * throttling (ThrottlingException, ModelNotReadyException, ServiceQuotaExceededException), timeouts
 * and server faults fail over.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 */
export function classifyBedrockError(status: number, headers: Headers, text: string, providerId: string): UpstreamFailure {
  const body = parseBody(text);
  const type = bedrockErrorType(headers, body);
  const rawMessage = typeof body?.message === 'string' ? body.message : typeof body?.Message === 'string' ? body.Message : undefined;
  const message = rawMessage?.slice(0, 2000);
  const said = message ? `: ${message}` : '';
  const named = type ? ` ${type}` : '';

  if ((type && AUTH_TYPES.has(type)) || status === 401 || (status === 403 && !type)) {
    return {
      errorClass: 'upstream_auth',
      action: 'failover',
      upstreamStatus: status,
      clientError: new HttpError(502, 'upstream_error', 'upstream_auth_failed',
        `provider ${providerId} rejected the gateway's AWS credentials or model access (HTTP ${status}${named}); the operator must check that provider's aws credentials, region and Bedrock model access`),
    };
  }
  if ((type && THROTTLE_TYPES.has(type)) || status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    return {
      errorClass: 'rate_limited',
      action: 'failover',
      upstreamStatus: status,
      retryAfterMs,
      clientError: new HttpError(429, 'rate_limit_error', 'upstream_rate_limited', `provider ${providerId} is rate limiting requests${named ? ` (${type})` : ''}${said}`,
        { headers: retryAfterMs != null ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } : {} }),
    };
  }
  if (type === 'ModelTimeoutException' || status === 408) {
    return { errorClass: 'upstream_timeout', action: 'failover', upstreamStatus: status, clientError: new HttpError(504, 'upstream_error', 'upstream_timeout', `provider ${providerId} timed out running the model${said}`) };
  }
  if (type === 'ServiceUnavailableException' || status === 503) {
    return { errorClass: 'upstream_unavailable', action: 'failover', upstreamStatus: status, retryAfterMs: parseRetryAfter(headers), clientError: new HttpError(502, 'upstream_error', 'upstream_unavailable', `provider ${providerId} is unavailable (HTTP ${status})${said}`) };
  }
  if (status >= 500 || type === 'InternalServerException' || type === 'ModelErrorException' || type === 'ModelStreamErrorException') {
    return { errorClass: 'upstream_error', action: 'failover', upstreamStatus: status, clientError: new HttpError(502, 'upstream_error', 'upstream_server_error', `provider ${providerId} returned HTTP ${status}${named}${said}`) };
  }
  if (type === 'ResourceNotFoundException' || status === 404) {
    return { errorClass: 'not_found', action: 'return', upstreamStatus: status, clientError: new HttpError(404, 'invalid_request_error', 'model_not_found', message ?? `provider ${providerId} does not know the requested model`) };
  }
  if (message && CONTEXT_TOO_LONG.test(message)) {
    return { errorClass: 'invalid_request', action: 'return', upstreamStatus: status, clientError: new HttpError(400, 'invalid_request_error', 'context_length_exceeded', message, { param: 'messages' }) };
  }
  return {
    errorClass: 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(status === 413 ? 413 : 400, 'invalid_request_error', 'upstream_invalid_request', message ?? `provider ${providerId} rejected the request (HTTP ${status}${named})`),
  };
}
