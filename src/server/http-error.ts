import type { ServerResponse } from 'node:http';

/**
 * A failure with a client-facing status and OpenAI-shaped body (`{"error": {message, type, code}}`).
 * `message` must say what to fix; it is sent to the client, so never put a secret in it.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string;
  readonly headers?: Record<string, string>;
  readonly param?: string;

  constructor(status: number, type: string, code: string, message: string, extra?: { headers?: Record<string, string>; param?: string }) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.headers = extra?.headers;
    this.param = extra?.param;
  }
}

export const invalidRequest = (code: string, message: string, param?: string) =>
  new HttpError(400, 'invalid_request_error', code, message, { param });

export function openAIErrorBody(type: string, code: string, message: string, param?: string | null): string {
  return JSON.stringify({ error: { message, type, param: param ?? null, code } });
}

/** Sends an error unless the response has already started (then it just ends it). */
export function sendError(res: ServerResponse, err: HttpError, headers?: Record<string, string>): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const body = openAIErrorBody(err.type, err.code, err.message, err.param);
  res.writeHead(err.status, { ...err.headers, ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers?: Record<string, string>): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
