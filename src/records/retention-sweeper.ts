import type { Logger } from '../observability/logger.ts';
import type { RecordRepository } from '../store/store-types.ts';

const MS_PER_DAY = 86_400_000;

export interface RetentionOptions {
  /** Records older than this many days are deleted; 0 keeps them forever (the sweeper does nothing). */
  retentionDays: number;
  /** Time between sweeps. Default 1 h. */
  intervalMs?: number;
  /** Delay before the first sweep after start. Default 1 min, so a restart does not add to a busy start. */
  firstSweepMs?: number;
  /** Records deleted per transaction. Default 1,000. */
  batchSize?: number;
  /** The clock (epoch ms); injected by tests. */
  now?: () => number;
}

/**
 * Deletes request records past `records.retention_days`, off the request path: on a timer, in small
 * batches (each one short transaction in the store's worker), yielding to the event loop between
 * batches so record inserts and admin queries interleave with a large backlog's deletion.
 */
export class RetentionSweeper {
  private readonly repo: RecordRepository;
  private readonly log: Logger;
  private readonly retentionMs: number;
  private readonly intervalMs: number;
  private readonly firstSweepMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(repo: RecordRepository, o: RetentionOptions, log: Logger) {
    this.repo = repo;
    this.log = log;
    this.retentionMs = o.retentionDays * MS_PER_DAY;
    this.intervalMs = o.intervalMs ?? 3_600_000;
    this.firstSweepMs = o.firstSweepMs ?? 60_000;
    this.batchSize = o.batchSize ?? 1_000;
    this.now = o.now ?? Date.now;
  }

  start(): void {
    if (this.retentionMs <= 0) return;
    this.schedule(this.firstSweepMs);
  }

  /** Deletes every record older than the retention period, batch by batch; returns how many. */
  sweep(): Promise<number> {
    this.running ??= this.deleteExpired().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer; a sweep in progress ends after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.sweep()
        .catch((err: unknown) => this.log.error('deleting expired request records failed; will retry at the next sweep', { error: err }))
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async deleteExpired(): Promise<number> {
    if (this.retentionMs <= 0) return 0;
    const cutoff = this.now() - this.retentionMs;
    let total = 0;
    for (;;) {
      const n = await this.repo.deleteOlderThan(cutoff, this.batchSize);
      total += n;
      if (n < this.batchSize || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) this.log.info('deleted expired request records', { deleted: total, older_than: new Date(cutoff).toISOString() });
    return total;
  }
}
