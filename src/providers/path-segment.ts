import { invalidRequest } from '../server/http-error.ts';

/**
 * Throws unless `value` can stand as one URL path segment: empty, `.` and `..` segments would
 * collapse or climb the upstream path however they are encoded (URL parsers also read `%2E%2E` as
 * `..`). Model names that reach here passed the edge rule, but a wildcard route substitutes only
 * part of a name, and that part can still be `..`.
 * @throws HttpError 400 `invalid_model_name`.
 */
export function checkPathSegment(value: string): void {
  if (value === '' || value === '.' || value === '..') {
    throw invalidRequest('invalid_model_name', `the model name resolves to "${value}" for this provider, which cannot be a URL path segment; use a complete model name`, 'model');
  }
}

/**
 * `value` as exactly one URL path segment: percent-encoded, `/` included (`%2F`), so a model name
 * can never add segments to, or climb out of, the upstream path it is put in.
 * @throws HttpError 400 `invalid_model_name` for an empty, `.` or `..` value.
 */
export function pathSegment(value: string): string {
  checkPathSegment(value);
  return encodeURIComponent(value);
}
