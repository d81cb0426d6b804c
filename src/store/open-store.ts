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
