import { util, type Dispatcher } from 'undici';
import type { UpstreamTimeouts } from '../config/types.ts';
import { UpstreamBody } from './upstream-body.ts';
import type { UpstreamEndpoint } from './upstream-endpoint.ts';

export interface UpstreamCall {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
  /** The target's first-byte and idle timeouts; the endpoint's own when absent. */
  timeouts?: UpstreamTimeouts;
}

/** An upstream response, from its status line on; the body is still arriving. */
export class UpstreamResponse {
  readonly statusCode: number;
  readonly body: UpstreamBody;
  private readonly rawHeaders: (Buffer | string)[];
  private parsed: Record<string, string | string[] | undefined> | undefined;

  constructor(statusCode: number, rawHeaders: (Buffer | string)[], body: UpstreamBody) {
    this.statusCode = statusCode;
    this.rawHeaders = rawHeaders;
    this.body = body;
  }

  /** The first value of header `name` (given in lower case), without parsing the others. */
  header(name: string): string | undefined {
    const raw = this.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      if (sameName(raw[i], name)) return headerValue(raw[i + 1]);
    }
    return undefined;
  }

  /** Every header, by lower-case name (repeated ones as arrays); parsed on first use. */
  get headers(): Record<string, string | string[] | undefined> {
    return (this.parsed ??= util.parseHeaders(this.rawHeaders as Buffer[]));
  }
}

/**
 * Sends one request on the endpoint's keep-alive pool and resolves once the response's headers are
 * in. The body then arrives through `response.body` (see `UpstreamBody`): the request runs on undici's
 * dispatch layer (the one its `request()` API is built on), so no stream object, header object or
 * promise chain is built per response on the hot path. Rejects with undici's own errors (connect, first-byte
 * timeout, reset) or the signal's reason; once the headers are in, those go to the body instead.
 */
export function exchangeUpstream(ep: UpstreamEndpoint, call: UpstreamCall): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const t = call.timeouts ?? ep.timeouts;
    const handler = new ExchangeHandler(call.signal, resolve, reject);
    ep.pool.dispatch(
      { origin: ep.origin, method: call.method, path: ep.basePath + call.path, headers: call.headers, body: call.body, headersTimeout: t.firstByteMs, bodyTimeout: t.idleMs },
      handler as unknown as Dispatcher.DispatchHandler,
    );
  });
}

/** undici's handler callbacks for one exchange, with the caller's abort signal wired to its abort. */
class ExchangeHandler {
  private readonly signal: AbortSignal;
  private readonly resolve: (r: UpstreamResponse) => void;
  private readonly reject: (err: Error) => void;
  private abortUpstream: ((err: Error) => void) | undefined;
  private reason: Error | undefined;
  private body: UpstreamBody | undefined;
  private listening = false;

  constructor(signal: AbortSignal, resolve: (r: UpstreamResponse) => void, reject: (err: Error) => void) {
    this.signal = signal;
    this.resolve = resolve;
    this.reject = reject;
    if (signal.aborted) {
      this.reason = abortReason(signal);
    } else {
      signal.addEventListener('abort', this.onAbort, { once: true });
      this.listening = true;
    }
  }

  onConnect(abort: (err: Error) => void): void {
    if (this.reason) abort(this.reason);
    else this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, rawHeaders: (Buffer | string)[], resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx: the real response follows
    this.body = new UpstreamBody({ resume, abort: (err) => this.abortUpstream?.(err) });
    this.resolve(new UpstreamResponse(statusCode, rawHeaders, this.body));
    return true;
  }

  onData(chunk: Buffer): boolean {
    return this.body!.push(chunk);
  }

  onComplete(): void {
    this.stopListening();
    this.body!.finish();
  }

  onError(err: Error): void {
    this.stopListening();
    if (this.body) this.body.fail(err);
    else this.reject(err);
  }

  private readonly onAbort = (): void => {
    this.listening = false;
    this.reason = abortReason(this.signal);
    // Not yet on a connection: `onConnect` aborts as soon as it is.
    this.abortUpstream?.(this.reason);
  };

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('the request was aborted'), { name: 'AbortError' });
}

function headerValue(raw: Buffer | string): string {
  return typeof raw === 'string' ? raw : raw.toString('latin1');
}

/** True when raw header name `raw` is `lower` in any case (header names are ASCII). */
function sameName(raw: Buffer | string, lower: string): boolean {
  if (raw.length !== lower.length) return false;
  if (typeof raw === 'string') return raw.toLowerCase() === lower;
  for (let i = 0; i < lower.length; i++) {
    if ((raw[i] | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}
