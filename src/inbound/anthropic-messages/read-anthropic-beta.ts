import type { IncomingHttpHeaders } from 'node:http';
import { invalidRequest } from '../../server/http-error.ts';

const MAX_HEADER_LENGTH = 4096;
const MAX_BETAS = 64;
const BETA_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

/**
 * The `anthropic-beta` request header as a list (`a,b` or repeated headers, which Node joins with `, `).
 * Each value must be an HTTP token (it is sent upstream in a header), so anything else is a 400 naming
 * the header rather than a value the gateway would have to drop or escape.
 * https://docs.anthropic.com/en/api/beta-headers
 */
export function readAnthropicBetas(headers: IncomingHttpHeaders): string[] | undefined {
  const raw = headers['anthropic-beta'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (value.length > MAX_HEADER_LENGTH) throw badBeta(`the anthropic-beta header is longer than ${MAX_HEADER_LENGTH} characters`);
  const betas: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    if (!BETA_NAME.test(name)) throw badBeta('the anthropic-beta header must be a comma-separated list of beta names such as interleaved-thinking-2025-05-14 (letters, digits and - . _, at most 128 characters each)');
    if (!betas.includes(name)) betas.push(name);
  }
  if (betas.length > MAX_BETAS) throw badBeta(`the anthropic-beta header lists more than ${MAX_BETAS} betas`);
  return betas.length > 0 ? betas : undefined;
}

const badBeta = (message: string) => invalidRequest('invalid_anthropic_beta', message, 'anthropic-beta');
