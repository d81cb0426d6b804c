/**
 * Versioned schema migrations, in SQL that both SQLite and PostgreSQL accept
 * (BIGINT, TEXT, SMALLINT; times are epoch milliseconds; money is integer micro-USD).
 * Never edit a released migration: append a new one.
 */
export interface Migration {
  id: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_virtual_keys_and_request_records',
    statements: [
      `CREATE TABLE virtual_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        models TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        revoked_at BIGINT
      )`,
      `CREATE TABLE store_revisions (
        name TEXT PRIMARY KEY,
        revision BIGINT NOT NULL
      )`,
      `INSERT INTO store_revisions (name, revision) VALUES ('virtual_keys', 0)`,
      `CREATE TABLE request_records (
        id TEXT PRIMARY KEY,
        started_at BIGINT NOT NULL,
        key_id TEXT,
        endpoint TEXT NOT NULL,
        requested_model TEXT,
        provider TEXT,
        upstream_model TEXT,
        stream SMALLINT NOT NULL,
        status INTEGER NOT NULL,
        error_class TEXT,
        error_message TEXT,
        latency_ms INTEGER NOT NULL,
        ttft_ms INTEGER,
        input_uncached_tokens BIGINT NOT NULL,
        input_cache_read_tokens BIGINT NOT NULL,
        input_cache_write_tokens BIGINT NOT NULL,
        output_text_tokens BIGINT NOT NULL,
        output_reasoning_tokens BIGINT NOT NULL,
        usage_source TEXT NOT NULL,
        cost_micros BIGINT,
        attempts INTEGER NOT NULL
      )`,
      `CREATE INDEX request_records_started_at ON request_records (started_at)`,
      `CREATE INDEX request_records_key_started_at ON request_records (key_id, started_at)`,
    ],
  },
  {
    // One row per upstream attempt (retries, failovers and hedges), so uptime, latency and cost can be
    // analysed per target rather than only per request. Rows go when their request record goes.
    id: '0002_request_attempts',
    statements: [
      `CREATE TABLE request_attempts (
        request_id TEXT NOT NULL REFERENCES request_records (id) ON DELETE CASCADE,
        seq SMALLINT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        outcome TEXT NOT NULL,
        upstream_status INTEGER,
        start_ms INTEGER NOT NULL,
        latency_ms INTEGER NOT NULL,
        hedge SMALLINT NOT NULL,
        cost_micros BIGINT,
        PRIMARY KEY (request_id, seq)
      )`,
      `CREATE INDEX request_attempts_provider_model ON request_attempts (provider, model)`,
    ],
  },
  {
    // Record ids are always the gateway's own; the caller's id is kept beside it for correlation,
    // so a reused caller id can neither collide with nor hide another request's record.
    id: '0003_client_request_id',
    statements: [
      `ALTER TABLE request_records ADD COLUMN client_request_id TEXT`,
      `CREATE INDEX request_records_client_request_id ON request_records (client_request_id) WHERE client_request_id IS NOT NULL`,
    ],
  },
  {
    // An upstream's absurd usage figure is kept as reported instead of being billed or failing the
    // request: NULL when the usage passed the sanity check, else the raw usage text (counts stored as 0).
    id: '0005_usage_invalid',
    statements: [`ALTER TABLE request_records ADD COLUMN usage_invalid TEXT`],
  },
];
