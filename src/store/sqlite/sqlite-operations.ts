import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { MIGRATIONS } from '../migrations.ts';
import type { MigrationResult, RecordQuery, RequestRecord, VirtualKeyRecord } from '../store-types.ts';
import { attemptFromRow, keyFromRow, recordFromRow, recordParams, type RecordParams, type Row } from './sqlite-rows.ts';

/**
 * The synchronous SQLite work, executed inside the store's worker thread so the
 * gateway's event loop never blocks on disk. Exposed as a plain class so tests can drive it directly.
 */
export class SqliteOperations {
  private readonly db: DatabaseSync;
  private insertRecord?: StatementSync;
  private insertAttempt?: StatementSync;
  private selectAttempts?: StatementSync;
  private deleteOld?: StatementSync;

  constructor(path: string) {
    this.db = new DatabaseSync(path);
    // Incremental auto-vacuum only takes effect on a database without tables yet (a new store); it lets
    // retention hand freed pages back to the file system. Older stores reuse freed pages instead.
    this.db.exec('PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  }

  migrate(): MigrationResult {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((this.db.prepare('SELECT id FROM schema_migrations').all() as Row[]).map((r) => String(r.id)));
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      this.transaction(() => {
        for (const sql of m.statements) this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, Date.now());
      });
      applied.push(m.id);
    }
    return { applied, current: MIGRATIONS[MIGRATIONS.length - 1].id };
  }

  insertKey(k: VirtualKeyRecord): void {
    this.transaction(() => {
      this.db
        .prepare('INSERT INTO virtual_keys (id, name, prefix, hash, role, models, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(k.id, k.name, k.prefix, k.hash, k.role, k.models ? JSON.stringify(k.models) : null, k.createdAt, k.expiresAt, k.revokedAt);
      this.bumpKeyRevision();
    });
  }

  listKeys(): VirtualKeyRecord[] {
    return (this.db.prepare('SELECT * FROM virtual_keys ORDER BY created_at, id').all() as Row[]).map(keyFromRow);
  }

  getKey(id: string): VirtualKeyRecord | undefined {
    const row = this.db.prepare('SELECT * FROM virtual_keys WHERE id = ?').get(id) as Row | undefined;
    return row ? keyFromRow(row) : undefined;
  }

  revokeKey(id: string, at: number): VirtualKeyRecord | undefined {
    return this.transaction(() => {
      const res = this.db.prepare('UPDATE virtual_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
      if (res.changes === 0) return undefined;
      this.bumpKeyRevision();
      return this.getKey(id);
    });
  }

  keyRevision(): number {
    const row = this.db.prepare("SELECT revision FROM store_revisions WHERE name = 'virtual_keys'").get() as Row;
    return Number(row.revision);
  }

  /** Records and their attempts in one transaction: a record is never visible without its attempts. */
  insertRecords(records: RequestRecord[]): void {
    this.insertRecordParams(records.map(recordParams));
  }

  /** Stores records given as their insert parameters (`recordParams`), in one transaction. */
  insertRecordParams(rows: RecordParams[]): void {
    this.insertRecord ??= this.db.prepare(
      `INSERT OR IGNORE INTO request_records (id, started_at, key_id, endpoint, requested_model, provider, upstream_model, stream, status,
        error_class, error_message, latency_ms, ttft_ms, input_uncached_tokens, input_cache_read_tokens, input_cache_write_tokens,
        output_text_tokens, output_reasoning_tokens, usage_source, cost_micros, attempts, client_request_id, usage_invalid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAttempt ??= this.db.prepare(
      `INSERT INTO request_attempts (request_id, seq, provider, model, outcome, upstream_status, start_ms, latency_ms, hedge, cost_micros)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const recordStmt = this.insertRecord;
    const attemptStmt = this.insertAttempt;
    this.transaction(() => {
      for (const r of rows) {
        // A record already stored (a batch retried after its reply was lost) keeps the attempts it was stored with.
        if (recordStmt.run(...r.record).changes === 0) continue;
        for (const a of r.attempts) attemptStmt.run(...a);
      }
    });
  }

  listRecords(q: RecordQuery): RequestRecord[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.keyId) { where.push('key_id = ?'); params.push(q.keyId); }
    if (q.since != null) { where.push('started_at >= ?'); params.push(q.since); }
    if (q.clientRequestId) { where.push('client_request_id = ?'); params.push(q.clientRequestId); }
    const sql = `SELECT * FROM request_records ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY started_at DESC, id DESC LIMIT ?`;
    params.push(Math.min(Math.max(q.limit ?? 100, 1), 10_000));
    const records = (this.db.prepare(sql).all(...params) as Row[]).map(recordFromRow);
    if (records.length > 0) this.attachAttempts(records);
    return records;
  }

  /**
   * Deletes up to `limit` records that started before `cutoff`, oldest first (by the `started_at`
   * index), their attempts going with them (ON DELETE CASCADE), in one short transaction; then
   * hands freed pages back to the file system (at most twice the batch size, so each call stays short).
   */
  deleteRecordsBefore(cutoff: number, limit: number): number {
    this.deleteOld ??= this.db.prepare(
      'DELETE FROM request_records WHERE id IN (SELECT id FROM request_records WHERE started_at < ? ORDER BY started_at LIMIT ?)',
    );
    const stmt = this.deleteOld;
    const deleted = Number(this.transaction(() => stmt.run(cutoff, limit).changes));
    if (deleted > 0) this.db.exec(`PRAGMA incremental_vacuum(${Math.max(256, limit * 2)})`);
    return deleted;
  }

  /** One query for the whole page: the ids go in as one JSON array, so the statement is prepared once whatever the page size. */
  private attachAttempts(records: RequestRecord[]): void {
    this.selectAttempts ??= this.db.prepare(
      `SELECT * FROM request_attempts WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY request_id, seq`,
    );
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const row of this.selectAttempts.all(JSON.stringify(records.map((r) => r.id))) as Row[]) {
      byId.get(String(row.request_id))?.attemptLog.push(attemptFromRow(row));
    }
  }

  close(): void {
    this.db.close();
  }

  private bumpKeyRevision(): void {
    this.db.prepare("UPDATE store_revisions SET revision = revision + 1 WHERE name = 'virtual_keys'").run();
  }

  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }
}
