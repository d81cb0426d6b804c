import type { Logger } from '../observability/logger.ts';
import type { Store, VirtualKeyRecord } from '../store/store-types.ts';
import { hashKeySecret } from './virtual-key-secret.ts';

/**
 * In-memory view of all virtual keys, keyed by hash, so authentication never touches the store.
 * Changes made through this process apply at once; changes made by other processes (the CLI,
 * other nodes) are picked up by polling the store's key revision.
 */
export class KeyIndex {
  private byHash = new Map<string, VirtualKeyRecord>();
  private revision = -1;
  private timer?: NodeJS.Timeout;
  private readonly store: Store;
  private readonly log: Logger;

  constructor(store: Store, log: Logger) {
    this.store = store;
    this.log = log;
  }

  async load(): Promise<void> {
    const revision = await this.store.keys.revision();
    const keys = await this.store.keys.list();
    const next = new Map<string, VirtualKeyRecord>();
    for (const k of keys) next.set(k.hash, k);
    this.byHash = next;
    this.revision = revision;
  }

  /** Polls the store every `intervalMs` and reloads when another process changed a key. */
  follow(intervalMs: number): void {
    this.timer = setInterval(() => void this.refreshIfChanged(), intervalMs);
    this.timer.unref();
  }

  async refreshIfChanged(): Promise<void> {
    try {
      if ((await this.store.keys.revision()) !== this.revision) await this.load();
    } catch (err) {
      this.log.warn('could not refresh virtual keys from the store; serving the last known keys', { error: err });
    }
  }

  lookupSecret(secret: string): VirtualKeyRecord | undefined {
    return this.byHash.get(hashKeySecret(secret));
  }

  upsert(k: VirtualKeyRecord): void {
    this.byHash.set(k.hash, k);
  }

  get size(): number {
    return this.byHash.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
