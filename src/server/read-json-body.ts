import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { HttpError, invalidRequest } from './http-error.ts';
import { collectBounded } from './collect-bounded.ts';
import { exceedsJsonDepth } from './json-depth.ts';

export interface BodyLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
  /** The whole body must arrive within this, so a slow client cannot hold a request open. */
  timeoutMs: number;
}

/** The parsed body, the bytes it was parsed from, and those bytes decoded (the text `JSON.parse` read). */
export interface JsonBody {
  value: unknown;
  raw: Buffer;
  text: string;
}

const isJsonType = (ct: string | undefined) => {
  if (!ct) return false;
  const semi = ct.indexOf(';');
  const base = (semi === -1 ? ct : ct.slice(0, semi)).trim().toLowerCase();
  return base === 'application/json' || (base.startsWith('application/') && base.endsWith('+json'));
};

/** Reads, bounds and parses a JSON request body, turning every way it can be bad into a clear 4xx. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<JsonBody> {
  if (!isJsonType(req.headers['content-type'])) {
    throw new HttpError(415, 'invalid_request_error', 'unsupported_media_type',
      `Content-Type must be application/json (got ${JSON.stringify(req.headers['content-type'] ?? 'none')})`);
  }
  const declared = req.headers['content-length'];
  const declaredBytes = declared === undefined ? undefined : Number(declared);
  if (declaredBytes !== undefined && declaredBytes > limits.maxBodyBytes) throw tooLarge(limits.maxBodyBytes);
  const raw = await collect(req, limits, declaredBytes);
  if (raw.length === 0) throw invalidRequest('empty_body', 'request body is empty; send a JSON object');
  // JSON must be UTF-8 (RFC 8259 §8.1). Decoding bad bytes to U+FFFD would validate one text while
  // the identity path forwards the original bytes upstream, so they are refused instead.
  if (!isUtf8(raw)) throw invalidRequest('invalid_json', 'request body is not valid UTF-8; JSON must be sent as UTF-8');
  const text = raw.toString('utf8');
  if (exceedsJsonDepth(text, limits.maxJsonDepth)) {
    throw invalidRequest('json_too_deep', `JSON nesting deeper than ${limits.maxJsonDepth} levels is not accepted`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidRequest('invalid_json', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('invalid_body', 'request body must be a JSON object');
  }
  return { value, raw, text };
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, 'invalid_request_error', 'request_too_large',
    `request body exceeds the gateway limit of ${max} bytes (server.limits.max_body_bytes)`, { headers: { connection: 'close' } });
}

function collect(req: IncomingMessage, limits: BodyLimits, expectedBytes: number | undefined): Promise<Buffer> {
  return collectBounded(req, {
    maxBytes: limits.maxBodyBytes,
    expectedBytes,
    tooLarge: () => tooLarge(limits.maxBodyBytes),
    deadline: {
      ms: limits.timeoutMs,
      error: () => new HttpError(408, 'invalid_request_error', 'request_timeout',
        `request body not received within ${limits.timeoutMs} ms (server.timeouts.client_body_ms)`, { headers: { connection: 'close' } }),
    },
  });
}
