import type { HttpError } from '../../server/http-error.ts';

/**
 * The Anthropic error `type` for a gateway error, chosen by HTTP status as Anthropic does, so the
 * official SDKs raise the matching exception class. https://docs.anthropic.com/en/api/errors
 */
export function anthropicErrorType(err: HttpError): string {
  if (err.type === 'overloaded_error') return 'overloaded_error';
  switch (err.status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 408:
    case 504:
      return 'timeout_error';
    default:
      return err.status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** `{type:'error', error:{type, message}}`, the body of every Anthropic error. */
export function anthropicErrorBody(err: HttpError): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: anthropicErrorType(err), message: err.message } };
}
