import type { Logger } from '../observability/logger.ts';
import type { RecordRepository, RequestRecord } from '../store/store-types.ts';

export interface RecordWriterOptions {
  queueMax: number;
  batchSize: number;
  flushIntervalMs: number;
}

export interface RecordWriterStats {
  queued: number;
  written: number;
  dropped: number;
  failedFlushes: number;
}

/**
 * Buffers request records in memory and writes them in batches off the request path.
 * The queue is bounded: when the store is down for long, the oldest records are dropped
 * (and counted, and logged) rather than letting memory grow without limit.
 * A failed batch stays queued and is retried on the next flush.
 */
export class RecordWriter {
  private queue: RequestRecord[] = [];
  private flushing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly stats = { written: 0, dropped: 0, failedFlushes: 0 };
  private lastDropLog = 0;
  private readonly repo: RecordRepository;
  private readonly opts: RecordWriterOptions;
  private readonly log: Logger;

  constructor(repo: RecordRepository, opts: RecordWriterOptions, log: Logger) {
    this.repo = repo;
    this.opts = opts;
    this.log = log;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.opts.flushIntervalMs);
    this.timer.unref();
  }

  append(record: RequestRecord): void {
    this.queue.push(record);
    if (this.queue.length > this.opts.queueMax) this.dropOldest(this.queue.length - this.opts.queueMax);
    if (this.queue.length >= this.opts.batchSize && !this.flushing) void this.flush();
  }

  /** Writes everything queued so far; concurrent callers share the in-flight flush. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length ? this.flush() : undefined));
    if (this.queue.length === 0) return Promise.resolve();
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    if (this.queue.length) this.log.error('request records could not be written at shutdown', { lost: this.queue.length });
  }

  getStats(): RecordWriterStats {
    return { queued: this.queue.length, ...this.stats };
  }

  /**
   * Writes every record queued when the flush began, then keeps going only while full batches
   * wait: records that trickle in meanwhile wait for the next tick, so the store sees a few large
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
        this.log.warn('writing request records failed; will retry', { error: err, queued: this.queue.length });
        return;
      }
      // A full queue may have dropped some of this batch from the front meanwhile: remove only what is left of it.
      this.queue.splice(0, this.queue.lastIndexOf(batch[batch.length - 1], batch.length - 1) + 1);
      this.stats.written += batch.length;
      owed -= batch.length;
    }
  }

  private dropOldest(n: number): void {
    this.queue.splice(0, n);
    this.stats.dropped += n;
    const now = Date.now();
    if (now - this.lastDropLog > 10_000) {
      this.lastDropLog = now;
      this.log.error('request record queue full: dropping oldest records', { dropped_total: this.stats.dropped, queue_max: this.opts.queueMax });
    }
  }
}
