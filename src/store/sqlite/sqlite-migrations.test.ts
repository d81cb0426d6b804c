import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from '../migrations.ts';
import { SqliteOperations } from './sqlite-operations.ts';
import { recordToParams } from './sqlite-rows.ts';
import type { RequestRecord } from '../store-types.ts';

const ALL_IDS = MIGRATIONS.map((m) => m.id);

const record = (id: string, startedAt: number): RequestRecord => ({
  id, clientRequestId: null, startedAt, keyId: 'key_1', endpoint: 'chat.completions', requestedModel: 'm', provider: 'p', upstreamModel: 'um',
  stream: false, status: 200, errorClass: null, errorMessage: null, latencyMs: 12, ttftMs: 3,
  usage: { inputUncached: 10, inputCacheRead: 0, inputCacheWrite: 0, outputText: 5, outputReasoning: 0 },
  usageSource: 'reported', usageInvalid: null, costMicros: 42, attempts: 1, attemptLog: [],
});

function tempDb(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-migrate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'switchyard.db');
}

function indexNames(path: string, table: string): string[] {
  const db = new DatabaseSync(path);
  try {
    return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(table) as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

test('migrations: a fresh database gets every migration, once', (t) => {
  const path = tempDb(t);
  const ops = new SqliteOperations(path);
  try {
    assert.deepEqual(ops.migrate(), { applied: ALL_IDS, current: ALL_IDS[ALL_IDS.length - 1] });
    assert.deepEqual(ops.migrate().applied, []);
  } finally {
    ops.close();
  }
  assert.deepEqual(indexNames(path, 'request_attempts'), ['request_attempts_provider_model']);
  assert.ok(indexNames(path, 'request_records').includes('request_records_client_request_id'));
});

test('migrations: a database at 0001 upgrades, keeps its records, and stores attempts and client ids afterwards', (t) => {
  const path = tempDb(t);
  const old = new DatabaseSync(path);
  old.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const sql of MIGRATIONS[0].statements) old.exec(sql);
  old.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(MIGRATIONS[0].id, 1);
  old.prepare(`INSERT INTO request_records VALUES (${Array(21).fill('?').join(', ')})`).run(...recordToParams(record('old', 1)).slice(0, 21));
  old.close();

  const ops = new SqliteOperations(path);
  try {
    assert.deepEqual(ops.migrate().applied, ALL_IDS.slice(1));
    ops.insertRecords([{ ...record('new', 2), clientRequestId: 'job-1', attemptLog: [{ provider: 'p', model: 'um', outcome: 'ok', upstreamStatus: 200, startMs: 0, latencyMs: 11, hedge: false, costMicros: 42 }] }]);
    const rows = ops.listRecords({});
    assert.deepEqual(rows.map((r) => [r.id, r.attemptLog.length]), [['new', 1], ['old', 0]]);
    assert.deepEqual(rows[1], record('old', 1));
    assert.deepEqual(ops.listRecords({ clientRequestId: 'job-1' }).map((r) => r.id), ['new']);
  } finally {
    ops.close();
  }
});

test('migrations: attempts go with their request record', (t) => {
  const path = tempDb(t);
  const ops = new SqliteOperations(path);
  ops.migrate();
  ops.insertRecords([{ ...record('r1', 1), attemptLog: [{ provider: 'p', model: 'um', outcome: 'ok', upstreamStatus: 200, startMs: 0, latencyMs: 11, hedge: false, costMicros: 42 }] }]);
  ops.close();
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA foreign_keys = ON');
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM request_attempts').get() as { n: number }).n;
    assert.equal(count(), 1);
    db.exec(`DELETE FROM request_records WHERE id = 'r1'`);
    assert.equal(count(), 0);
  } finally {
    db.close();
  }
});

test('migrations: a database at 0003 gains usage_invalid, old rows read as valid usage, new rows keep the raw text', (t) => {
  const path = tempDb(t);
  const old = new DatabaseSync(path);
  old.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const upTo0003 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0003_client_request_id') + 1);
  for (const m of upTo0003) {
    for (const sql of m.statements) old.exec(sql);
    old.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, 1);
  }
  old.prepare(`INSERT INTO request_records VALUES (${Array(22).fill('?').join(', ')})`).run(...recordToParams(record('old', 1)).slice(0, 22));
  old.close();

  const ops = new SqliteOperations(path);
  try {
    assert.ok(ops.migrate().applied.includes('0005_usage_invalid'));
    const raw = '{"prompt_tokens":1e+300}';
    ops.insertRecords([{ ...record('poisoned', 2), usage: { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0 }, costMicros: null, usageInvalid: raw }]);
    const rows = ops.listRecords({});
    assert.deepEqual(rows.map((r) => [r.id, r.usageInvalid]), [['poisoned', raw], ['old', null]]);
  } finally {
    ops.close();
  }
});
