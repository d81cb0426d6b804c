import { parentPort, workerData } from 'node:worker_threads';
import { SqliteOperations } from './sqlite-operations.ts';
import type { WorkerCall, WorkerReply } from './sqlite-protocol.ts';

const ops = new SqliteOperations((workerData as { path: string }).path);
const port = parentPort!;

port.on('message', (call: WorkerCall) => {
  let reply: WorkerReply;
  try {
    reply = { id: call.id, ok: true, value: dispatch(call) };
  } catch (err) {
    reply = { id: call.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
  if (call.op === 'close') port.close();
});

function dispatch(call: WorkerCall): unknown {
  switch (call.op) {
    case 'migrate': return ops.migrate();
    case 'insertKey': return ops.insertKey(call.args[0]);
    case 'listKeys': return ops.listKeys();
    case 'getKey': return ops.getKey(call.args[0]);
    case 'revokeKey': return ops.revokeKey(call.args[0], call.args[1]);
    case 'keyRevision': return ops.keyRevision();
    case 'insertRecordParams': return ops.insertRecordParams(call.args[0]);
    case 'listRecords': return ops.listRecords(call.args[0]);
    case 'close': return ops.close();
  }
}
