import type { SqliteOperations } from './sqlite-operations.ts';

type Ops = Pick<SqliteOperations, 'migrate' | 'insertKey' | 'listKeys' | 'getKey' | 'revokeKey' | 'keyRevision' | 'insertRecordParams' | 'listRecords' | 'deleteRecordsBefore' | 'close'>;

/** A call posted to the SQLite worker: the operation name and its arguments, typed from `SqliteOperations`. */
export type WorkerCall = { [K in keyof Ops]: { id: number; op: K; args: Parameters<Ops[K]> } }[keyof Ops];

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
