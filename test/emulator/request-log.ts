import type { IncomingHttpHeaders } from 'node:http';
import type { Directives } from './directives.ts';

/**
 * How an emulated request ended, so tests can tell a gateway that cancelled its upstream
 * call ('aborted') from one the emulator cut on purpose ('cut').
 * - 'pending': still being served.
 * - 'completed': a success response was fully sent.
 * - 'error': an error status (injected or validation) was fully sent.
 * - 'hung': the emulator went silent on purpose (`hang`, `hang_after`) and the client is still connected.
 * - 'aborted': the client closed the connection before the emulator finished (including while hung).
 * - 'cut': the emulator destroyed the socket on purpose: mid-stream (`cut_after`) or before any response (`reset`).
 */
export type RequestOutcome = 'pending' | 'completed' | 'aborted' | 'cut' | 'hung' | 'error';

/** One request as the emulator saw it; mutated in place while the request is served. */
export interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The body's bytes as UTF-8 text, exactly as received (tests check byte-for-byte forwarding). */
  bodyText?: string;
  startedAt: number;
  finishedAt?: number;
  status?: number;
  outcome: RequestOutcome;
  chunksSent: number;
  directives?: Directives;
}

interface Waiter {
  predicate: (entry: RequestLogEntry) => boolean;
  resolve: (entry: RequestLogEntry) => void;
}

/**
 * Bounded record of requests (the newest `limit` are kept) because the benchmark sends
 * 100k+ requests through one emulator. `waitFor` lets tests await a state change such as
 * the gateway cancelling an upstream call.
 */
export class RequestLog {
  readonly limit: number;
  #items: RequestLogEntry[] = [];
  #nextId = 1;
  #count = 0;
  #waiters: Waiter[] = [];

  constructor(limit = 10_000) {
    this.limit = Math.max(1, limit);
  }

  start(method: string, path: string, headers: IncomingHttpHeaders): RequestLogEntry {
    const entry: RequestLogEntry = {
      id: this.#nextId++,
      method,
      path,
      headers,
      body: undefined,
      startedAt: Date.now(),
      outcome: 'pending',
      chunksSent: 0,
    };
    this.#items.push(entry);
    this.#count++;
    if (this.#items.length >= this.limit * 2) this.#items = this.#items.slice(-this.limit);
    this.changed(entry);
    return entry;
  }

  /** Re-checks pending `waitFor` predicates after an entry was mutated. */
  changed(entry: RequestLogEntry): void {
    if (this.#waiters.length === 0) return;
    for (const waiter of this.#waiters.slice()) {
      if (waiter.predicate(entry)) waiter.resolve(entry);
    }
  }

  entries(): readonly RequestLogEntry[] {
    return this.#items.length > this.limit ? this.#items.slice(-this.limit) : this.#items.slice();
  }

  last(): RequestLogEntry | undefined {
    return this.#items[this.#items.length - 1];
  }

  /** Requests received since start or the last `clear()`, however many the log still keeps; O(1). */
  count(): number {
    return this.#count;
  }

  clear(): void {
    this.#items = [];
    this.#count = 0;
  }

  /** Resolves with the first entry (existing or future) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (entry: RequestLogEntry) => boolean, timeoutMs = 5_000): Promise<RequestLogEntry> {
    const existing = this.entries().find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (entry) => {
          clearTimeout(timer);
          this.#removeWaiter(waiter);
          resolve(entry);
        },
      };
      const timer = setTimeout(() => {
        this.#removeWaiter(waiter);
        const seen = this.entries().slice(-5).map((e) => `#${e.id} ${e.method} ${e.path} ${e.outcome} ${e.status ?? '-'}`);
        reject(new Error(`RequestLog.waitFor timed out after ${timeoutMs} ms; latest entries: ${seen.join('; ') || 'none'}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  #removeWaiter(waiter: Waiter): void {
    const i = this.#waiters.indexOf(waiter);
    if (i !== -1) this.#waiters.splice(i, 1);
  }
}
