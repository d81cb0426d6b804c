/** A request waiting in a `ConnectionGate` for one of the pool's connections. */
export interface GateWaiter {
  /** Called once a connection slot is the waiter's, with how long it waited (ms). */
  admit(waitedMs: number): void;
  /** Called when no slot came within the wait; the waiter has left the queue. */
  expire(waitedMs: number): void;
}

interface Waiting {
  waiter: GateWaiter;
  since: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once admitted, expired or withdrawn; the queue skips such entries. */
  done: boolean;
}

/** What a caller gets from `enter`: a slot now, a place in the queue, or a refusal (queue full). */
export type GateEntry = { kind: 'admitted' } | { kind: 'queued'; ticket: GateTicket } | { kind: 'refused' };

/** A place in the queue; `withdraw` leaves it (the caller's client went away). */
export interface GateTicket {
  withdraw(): void;
}

export interface GateLimits {
  /** Requests on the pool at once: the pool's connections (HTTP/1.1, one request per connection). */
  maxInFlight: number;
  /** Requests that may wait for a slot; past it a request is refused at once. */
  queueMax: number;
  /** Longest a request waits for a slot before it is expired. */
  waitMs: number;
}

/**
 * Admission to one upstream's connection pool. undici's own pool queues without limit and gives a
 * queued request no way to leave before it reaches a socket, so a burst beyond the pool's size
 * waits as long as the requests ahead of it take (minutes, for streams). The gate keeps the count
 * of requests on the pool at its size, queues at most `queueMax` more, and expires a waiter after
 * `waitMs`, so the router can fail over to another target instead of waiting. Nothing is allocated
 * while the pool has room (the hot path); a queued request costs one entry and one timer.
 */
export class ConnectionGate {
  private inFlight = 0;
  private queue: Waiting[] = [];
  private head = 0;
  private waiting = 0;
  private readonly limits: GateLimits;
  private readonly now: () => number;

  constructor(limits: GateLimits, now: () => number = performance.now.bind(performance)) {
    this.limits = limits;
    this.now = now;
  }

  /** Requests on the pool now. */
  get running(): number {
    return this.inFlight;
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting;
  }

  /**
   * Takes a slot now when one is free (and no one is waiting ahead), else queues `waiter` for at most
   * `min(waitMs, maxWaitMs)`, else refuses. An admitted caller must call `leave()` exactly once when its
   * request is off the pool; a queued one is admitted or expired through `waiter`.
   */
  enter(waiter: GateWaiter, maxWaitMs: number): GateEntry {
    if (this.inFlight < this.limits.maxInFlight && this.waiting === 0) {
      this.inFlight++;
      return ADMITTED;
    }
    const waitMs = Math.min(this.limits.waitMs, maxWaitMs);
    if (this.waiting >= this.limits.queueMax || waitMs <= 0) return REFUSED;
    const w: Waiting = { waiter, since: this.now(), timer: undefined, done: false };
    w.timer = setTimeout(() => this.expire(w), waitMs);
    this.queue.push(w);
    this.waiting++;
    return { kind: 'queued', ticket: { withdraw: () => this.withdraw(w) } };
  }

  /** A request is off the pool: its slot goes to the longest waiter, if any. */
  leave(): void {
    this.inFlight--;
    while (this.waiting > 0 && this.inFlight < this.limits.maxInFlight) {
      const w = this.shift();
      if (!w) break;
      this.inFlight++;
      w.waiter.admit(this.now() - w.since);
    }
  }

  private shift(): Waiting | undefined {
    while (this.head < this.queue.length) {
      const w = this.queue[this.head++];
      if (w.done) continue;
      this.settle(w);
      return w;
    }
    return undefined;
  }

  private expire(w: Waiting): void {
    if (w.done) return;
    this.settle(w);
    w.waiter.expire(this.now() - w.since);
  }

  private withdraw(w: Waiting): void {
    if (!w.done) this.settle(w);
  }

  private settle(w: Waiting): void {
    w.done = true;
    clearTimeout(w.timer);
    this.waiting--;
    this.compact();
  }

  /** Drops settled entries once they are most of the array, so it stays within about twice `queueMax`. */
  private compact(): void {
    const held = this.queue.length - this.head;
    if (this.waiting === 0) {
      this.queue.length = 0;
      this.head = 0;
    } else if (held > 2 * this.waiting + 64) {
      this.queue = this.queue.filter((w, i) => i >= this.head && !w.done);
      this.head = 0;
    }
  }
}

const ADMITTED: GateEntry = Object.freeze({ kind: 'admitted' });
const REFUSED: GateEntry = Object.freeze({ kind: 'refused' });
