import type { Dispatcher } from 'undici';
import type { UpstreamTimeouts } from '../config/types.ts';
import type { GateTicket, GateWaiter } from './connection-gate.ts';
import { parseHeaders } from './undici-parts.ts';
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
    return (this.parsed ??= parseHeaders(this.rawHeaders as Buffer[]));
  }
}

/**
 * Sends one request on the endpoint's keep-alive pool and resolves once the response's headers are
 * in. The body then arrives through `response.body` (see `UpstreamBody`): the request runs on undici's
 * dispatch layer (the one its `request()` API is built on), so no stream object, header object or
 * promise chain is built per response on the hot path. Rejects with undici's own errors (connect, first-byte
 * timeout, reset), the signal's reason, or a `PoolSaturatedError` when the endpoint's connection gate
 * had no slot within its wait; once the headers are in, errors go to the body instead. Time spent
 * waiting for a connection counts against the first-byte timeout.
 */
export function exchangeUpstream(ep: UpstreamEndpoint, call: UpstreamCall): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    new ExchangeHandler(ep, call, resolve, reject).start();
  });
}

/** No connection of the provider's pool within the wait, or its queue is full; the router fails over. */
export class PoolSaturatedError extends Error {
  readonly code = POOL_SATURATED;
}

/** The `code` of a `PoolSaturatedError`, as the transport classifier sees it. */
export const POOL_SATURATED = 'SWITCHYARD_POOL_SATURATED';

/** undici's handler callbacks for one exchange, with the caller's abort signal wired to its abort. */
class ExchangeHandler implements GateWaiter {
  private readonly ep: UpstreamEndpoint;
  private readonly call: UpstreamCall;
  private readonly resolve: (r: UpstreamResponse) => void;
  private readonly reject: (err: Error) => void;
  private abortUpstream: ((err: Error) => void) | undefined;
  private reason: Error | undefined;
  private body: UpstreamBody | undefined;
  private listening = false;
  /** Set while queued at the endpoint's gate. */
  private ticket: GateTicket | undefined;
  /** 0 before the request holds a gate slot, 1 while it does, 2 after it gave the slot back. */
  private slot = 0;

  constructor(ep: UpstreamEndpoint, call: UpstreamCall, resolve: (r: UpstreamResponse) => void, reject: (err: Error) => void) {
    this.ep = ep;
    this.call = call;
    this.resolve = resolve;
    this.reject = reject;
  }

  start(): void {
    const signal = this.call.signal;
    if (signal.aborted) {
      this.reject(abortReason(signal));
      return;
    }
    signal.addEventListener('abort', this.onAbort, { once: true });
    this.listening = true;
    const entry = this.ep.gate.enter(this, (this.call.timeouts ?? this.ep.timeouts).firstByteMs);
    if (entry.kind === 'admitted') this.dispatch(0);
    else if (entry.kind === 'queued') this.ticket = entry.ticket;
    else this.refuse(`all ${this.ep.gate.running} connections are busy and ${this.ep.gate.queued} requests are already waiting for one`);
  }

  admit(waitedMs: number): void {
    this.ticket = undefined;
    this.dispatch(waitedMs);
  }

  expire(waitedMs: number): void {
    this.ticket = undefined;
    this.refuse(`no connection became free within ${Math.round(waitedMs)} ms (all ${this.ep.gate.running} are busy)`);
  }

  private refuse(why: string): void {
    this.stopListening();
    this.reject(new PoolSaturatedError(`provider ${this.ep.providerId}'s connection pool is saturated: ${why}`));
  }

  private dispatch(waitedMs: number): void {
    this.slot = 1;
    const t = this.call.timeouts ?? this.ep.timeouts;
    const c = this.call;
    const ep = this.ep;
    ep.pool.dispatch(
      {
        origin: ep.origin,
        method: c.method,
        path: ep.basePath + c.path,
        headers: c.headers,
        body: c.body,
        headersTimeout: waitedMs === 0 ? t.firstByteMs : Math.max(1, Math.round(t.firstByteMs - waitedMs)),
        bodyTimeout: t.idleMs,
      },
      this as unknown as Dispatcher.DispatchHandler,
    );
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
    this.leaveGate();
    this.body!.finish();
  }

  onError(err: Error): void {
    this.stopListening();
    this.leaveGate();
    if (this.body) this.body.fail(err);
    else this.reject(err);
  }

  private readonly onAbort = (): void => {
    this.listening = false;
    this.reason = abortReason(this.call.signal);
    if (this.ticket) {
      this.ticket.withdraw();
      this.ticket = undefined;
      this.reject(this.reason);
      return;
    }
    // Not yet on a connection: `onConnect` aborts as soon as it is.
    this.abortUpstream?.(this.reason);
  };

  private leaveGate(): void {
    if (this.slot !== 1) return;
    this.slot = 2;
    this.ep.gate.leave();
  }

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    this.call.signal.removeEventListener('abort', this.onAbort);
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
