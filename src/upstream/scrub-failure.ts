import { HttpError } from '../server/http-error.ts';
import type { UpstreamFailure } from './upstream-failure.ts';

/** Removes secrets from text; `SecretScrubber` in production. */
export interface TextScrubber {
  scrub(text: string): string;
}

/**
 * The failure with every text field of its client error (message, type, code, param) scrubbed:
 * upstreams put their own words in all four, and any of them may quote a credential. The same
 * failure when nothing had to change.
 */
export function scrubFailure(f: UpstreamFailure, s: TextScrubber): UpstreamFailure {
  const e = f.clientError;
  const message = s.scrub(e.message);
  const type = s.scrub(e.type);
  const code = s.scrub(e.code);
  const param = e.param === undefined ? undefined : s.scrub(e.param);
  if (message === e.message && type === e.type && code === e.code && param === e.param) return f;
  return { ...f, clientError: new HttpError(e.status, type, code, message, { headers: e.headers, param }) };
}
