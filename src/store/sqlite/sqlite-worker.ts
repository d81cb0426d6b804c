import { parentPort, workerData } from 'node:worker_threads';
import { describeStoreError } from '../describe-store-error.ts';
import { SqliteOperations } from './sqlite-operations.ts';
import type { WorkerCall, WorkerReply } from './sqlite-protocol.ts';

const path = (workerData as { path: string }).path;
let ops: SqliteOperations | undefined;
let openError: string | undefined;
try {
  ops = new SqliteOperations(path);
} catch (err) {
  openError = describeStoreError(err, path);
}
const port = parentPort!;

port.on('message', (call: WorkerCall) => {
  let reply: WorkerReply;
  try {
    if (ops) reply = { id: call.id, ok: true, value: dispatch(ops, call) };
    else reply = call.op === 'close' ? { id: call.id, ok: true, value: undefined } : { id: call.id, ok: false, error: openError! };
  } catch (err) {
    reply = { id: call.id, ok: false, error: describeStoreError(err, path) };
  }
  port.postMessage(reply);
  if (call.op === 'close') port.close();
});

function dispatch(ops: SqliteOperations, call: WorkerCall): unknown {
  switch (call.op) {
    case 'migrate': return ops.migrate();
    case 'insertKey': return ops.insertKey(call.args[0]);
    case 'listKeys': return ops.listKeys();
    case 'getKey': return ops.getKey(call.args[0]);
    case 'revokeKey': return ops.revokeKey(call.args[0], call.args[1]);
    case 'keyRevision': return ops.keyRevision();
    case 'insertRecordParams': return ops.insertRecordParams(call.args[0]);
    case 'listRecords': return ops.listRecords(call.args[0]);
    case 'deleteRecordsBefore': return ops.deleteRecordsBefore(call.args[0], call.args[1]);
    case 'close': return ops.close();
  }
}
