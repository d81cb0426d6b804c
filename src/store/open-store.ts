import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE } from './sqlite/prepare-data-dir.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store-types.ts';

export interface StoreLocation {
  /** PostgreSQL connection string; absent means the embedded SQLite store. */
  databaseUrl?: string;
  dataDir: string;
}

/** Picks the store from `DATABASE_URL` / `SWITCHYARD_DATA_DIR`. */
export function openStore(loc: StoreLocation): Store {
  if (loc.databaseUrl) {
    throw new Error('DATABASE_URL is set, but the PostgreSQL store is not available in this version; unset DATABASE_URL to use the embedded SQLite store');
  }
  return openSqliteStore(loc.dataDir);
}

export function storeLocationFromEnv(env: Record<string, string | undefined>): StoreLocation {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.SWITCHYARD_DATA_DIR || '.switchyard' };
}

/**
 * Where the embedded store lives (the absolute data directory) and whether a store is already there,
 * looked at before opening it: opening a missing one creates it empty, which a newcomer running a
 * command in another directory must be told about.
 */
export function describeStoreLocation(loc: StoreLocation): { dataDir: string; exists: boolean } {
  const dataDir = resolve(loc.dataDir);
  try {
    return { dataDir, exists: statSync(join(dataDir, DB_FILE)).size > 0 };
  } catch {
    return { dataDir, exists: false };
  }
}
