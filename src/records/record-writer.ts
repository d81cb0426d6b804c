import type { Logger } from '../observability/logger.ts';
import type { RecordRepository, RequestRecord } from '../store/store-types.ts';

export interface RecordWriterOptions {
  queueMax: number;
  batchSize: number;
  /** Longest a record waits in memory before its batch goes to the store (what a crash can lose). */
  flushIntervalMs: number;
  /** After a failed write, how long before the next try. Default 1 s. */
  retryMs?: number;
}

export interface RecordWriterStats {
  queued: number;
  written: number;
  dropped: number;
  failedFlushes: number;
}

const LOG_EVERY_MS = 10_000;

/**
 * Buffers request records in memory and writes them in batches off the request path. A record waits
 * at most `flushIntervalMs` (25 ms by default) before its batch is sent to the store, which commits
 * each batch as one short transaction: that wait plus a commit or two is what a crash can lose.
 * Records that finish while a batch is being written go in the next one (group commit), which starts
 * one interval after the last began, or at once when that write took longer; a full batch goes at once. The queue is bounded: when the store is down for long, the oldest records are
 * dropped (and counted, and logged) rather than letting memory grow without limit. A failed batch
 * stays queued and is retried after `retryMs`.
 */
export class RecordWriter {
  private queue: RequestRecord[] = [];
  private flushing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  /** When the pending timer is due: a busy event loop runs timers late, so `append` also checks it. */
  private dueAt = 0;
  private failing = false;
  private readonly stats = { written: 0, dropped: 0, failedFlushes: 0 };
  private lastDropLog = -Infinity;
  private lastFailLog = -Infinity;
  private readonly repo: RecordRepository;
  private readonly opts: RecordWriterOptions;
  private readonly log: Logger;

  constructor(repo: RecordRepository, opts: RecordWriterOptions, log: Logger) {
    this.repo = repo;
    this.opts = opts;
    this.log = log;
  }

  /** Kept for callers that start the writer explicitly; writes are scheduled by `append` itself. */
  start(): void {}

  append(record: RequestRecord): void {
    this.queue.push(record);
    if (this.queue.length > this.opts.queueMax) this.dropOldest(this.queue.length - this.opts.queueMax);
    if (this.flushing) return;
    if (this.failing) this.schedule(this.opts.retryMs ?? 1_000);
    else if (this.queue.length >= this.opts.batchSize || (this.timer && performance.now() >= this.dueAt)) void this.flush();
    else this.schedule(this.opts.flushIntervalMs);
  }

  /** Writes everything queued so far; concurrent callers share the in-flight flush. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length ? this.flush() : undefined));
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) return Promise.resolve();
    const startedAt = performance.now();
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
      if (this.queue.length === 0) return;
      if (this.failing) this.schedule(this.opts.retryMs ?? 1_000);
      else if (this.queue.length >= this.opts.batchSize) void this.flush();
      // At most one write starts per interval, and a write slower than that is followed at once.
      else this.schedule(Math.max(0, this.opts.flushIntervalMs - (performance.now() - startedAt)));
    });
    return this.flushing;
  }

  /** Writes what is left and stops scheduling. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length) this.log.error('request records could not be written at shutdown', { lost: this.queue.length });
  }

  getStats(): RecordWriterStats {
    return { queued: this.queue.length, ...this.stats };
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.dueAt = performance.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    this.timer.unref();
  }

  /**
   * Writes every record queued when the flush began, then keeps going only while full batches
   * wait: records that trickle in meanwhile wait for the next flush, so the store sees a few large
   * transactions rather than many tiny ones.
   */
  private async drain(): Promise<void> {
    let owed = this.queue.length;
    while (this.queue.length > 0 && (owed > 0 || this.queue.length >= this.opts.batchSize)) {
      const batch = this.queue.slice(0, this.opts.batchSize);
      try {
        await this.repo.insertBatch(batch);
      } catch (err) {
        this.stats.failedFlushes++;
        this.failing = true;
        const now = performance.now();
        if (now - this.lastFailLog >= LOG_EVERY_MS) {
          this.lastFailLog = now;
          this.log.error('writing request records failed; will retry', { error: err, queued: this.queue.length, failed_flushes: this.stats.failedFlushes });
        }
        return;
      }
      if (this.failing) this.log.info('writing request records works again', { queued: this.queue.length });
      this.failing = false;
      // A full queue may have dropped some of this batch from the front meanwhile: remove only what is left of it.
      this.queue.splice(0, this.queue.lastIndexOf(batch[batch.length - 1], batch.length - 1) + 1);
      this.stats.written += batch.length;
      owed -= batch.length;
    }
  }

  private dropOldest(n: number): void {
    this.queue.splice(0, n);
    this.stats.dropped += n;
    const now = performance.now();
    if (now - this.lastDropLog > LOG_EVERY_MS) {
      this.lastDropLog = now;
      this.log.error('request record queue full: dropping oldest records', { dropped_total: this.stats.dropped, queue_max: this.opts.queueMax });
    }
  }
}
