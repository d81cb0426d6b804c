import type { IncomingMessage } from 'node:http';
import type { Directives } from './directives.ts';
import { presentedCredential } from './presented-credential.ts';
import type { ErrorDetail } from './request-context.ts';

/**
 * The `error_code` / `error_message` / `error_param` directives as an error body's overrides; with
 * `echo_credential`, the request's own credential fills the ones not given.
 */
export function errorDetailOf(d: Directives, req?: IncomingMessage): ErrorDetail {
  const credential = d.echo_credential && req ? presentedCredential(req) : undefined;
  const message = d.error_message ?? (credential !== undefined ? `Incorrect API key provided: ${credential}.` : undefined);
  const code = d.error_code ?? credential;
  const param = d.error_param ?? credential;
  return {
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(param !== undefined ? { param } : {}),
  };
}
