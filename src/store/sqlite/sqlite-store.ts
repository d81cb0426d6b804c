import { Worker } from 'node:worker_threads';
import type { MigrationResult, RecordQuery, RequestRecord, Store, VirtualKeyRecord } from '../store-types.ts';
import type { WorkerCall, WorkerReply } from './sqlite-protocol.ts';
import { prepareDataDir } from './prepare-data-dir.ts';
import { recordParams } from './sqlite-rows.ts';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Embedded store: SQLite (node:sqlite, WAL) in `dataDir/switchyard.db`, driven from a worker thread
 * so that writes and queries never block the event loop that serves requests. The directory is made
 * private (0700, files 0600) first; a location it cannot use throws a `StoreLocationError`.
 */
export function openSqliteStore(dataDir: string): Store {
  const { dbPath } = prepareDataDir(dataDir);
  const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { path: dbPath } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(`store: ${reply.error}`));
  });
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', (err) => failAll(err));
  worker.on('exit', () => failAll(new Error('store: worker exited')));

  function call<T>(op: WorkerCall['op'], ...args: unknown[]): Promise<T> {
    if (closed) return Promise.reject(new Error('store: closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, args });
    });
  }

  return {
    kind: 'sqlite',
    migrate: () => call<MigrationResult>('migrate'),
    keys: {
      insert: (k: VirtualKeyRecord) => call<void>('insertKey', k),
      list: () => call<VirtualKeyRecord[]>('listKeys'),
      get: (id: string) => call<VirtualKeyRecord | undefined>('getKey', id),
      revoke: (id: string, at: number) => call<VirtualKeyRecord | undefined>('revokeKey', id, at),
      revision: () => call<number>('keyRevision'),
    },
    records: {
      insertBatch: (records: RequestRecord[]) => call<void>('insertRecordParams', records.map(recordParams)),
      list: (q: RecordQuery) => call<RequestRecord[]>('listRecords', q),
      deleteOlderThan: (cutoff: number, limit: number) => call<number>('deleteRecordsBefore', cutoff, limit),
    },
    async close() {
      if (closed) return;
      await call<void>('close');
      closed = true;
      await worker.terminate();
    },
  };
}
