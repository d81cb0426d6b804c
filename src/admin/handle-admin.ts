import type { IncomingMessage, ServerResponse } from 'node:http';
import { createVirtualKey, KeyInputError, publicKeyView } from '../keys/create-virtual-key.ts';
import type { ModelConfig } from '../config/types.ts';
import type { KeyIndex } from '../keys/key-index.ts';
import { parseDuration } from '../keys/parse-duration.ts';
import type { Logger } from '../observability/logger.ts';
import { HttpError, invalidRequest, sendError, sendJson } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { TargetHealth } from '../router/target-health.ts';
import type { Store } from '../store/store-types.ts';
import { authorizeAdmin, type AdminGuard } from './admin-auth.ts';
import { ADMIN_OPENAPI } from './admin-openapi.ts';
import { parseRecordQuery, rejectAnyParameter } from './parse-list-query.ts';
import { recordView } from './record-view.ts';
import { targetViews } from './target-view.ts';
import { unknownModelNames } from './unknown-model-names.ts';

export interface AdminDeps {
  store: Store;
  keys: KeyIndex;
  guard: AdminGuard;
  log: Logger;
  /** Names of the configured routes, listed when a key names a model no route serves. */
  modelNames: () => string[];
  /** Per-target breakers and latency, shared with the data plane (`GET /admin/v1/targets`). */
  health: TargetHealth;
  /** The configured routes now (changes on reload). */
  models: () => Iterable<ModelConfig>;
}

const ADMIN_BODY = { maxBodyBytes: 64 * 1024, maxJsonDepth: 16, timeoutMs: 10_000 };
const KEY_PATH = /^\/admin\/v1\/keys\/([A-Za-z0-9_-]{1,64})$/;

/** `/admin/v1/*`: the control-plane REST API (JSON, Bearer master key or admin-role key). */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, deps: AdminDeps): Promise<void> {
  try {
    if (path === '/admin/v1/openapi.json' && req.method === 'GET') return sendJson(res, 200, ADMIN_OPENAPI);
    const actor = authorizeAdmin(req, deps.guard, deps.keys);
    if (path === '/admin/v1/keys') {
      if (req.method === 'GET') {
        rejectAnyParameter(query);
        return sendJson(res, 200, { data: (await deps.store.keys.list()).map((k) => publicKeyView(k)) });
      }
      if (req.method === 'POST') return await createKey(req, res, deps, actor);
      throw methodNotAllowed('GET, POST');
    }
    const keyMatch = KEY_PATH.exec(path);
    if (keyMatch) {
      if (req.method === 'GET') {
        const k = await deps.store.keys.get(keyMatch[1]);
        if (!k) throw notFound(keyMatch[1]);
        return sendJson(res, 200, publicKeyView(k));
      }
      if (req.method === 'DELETE') {
        const k = await deps.store.keys.revoke(keyMatch[1], Date.now());
        if (!k) throw notFound(keyMatch[1]);
        deps.keys.upsert(k);
        deps.log.info('virtual key revoked', { key_id: k.id, actor });
        return sendJson(res, 200, publicKeyView(k));
      }
      throw methodNotAllowed('GET, DELETE');
    }
    if (path === '/admin/v1/targets' && req.method === 'GET') {
      rejectAnyParameter(query);
      return sendJson(res, 200, { data: targetViews(deps.models(), (k) => deps.health.stats(k), deps.health.snapshot()) });
    }
    if (path === '/admin/v1/requests' && req.method === 'GET') {
      return sendJson(res, 200, { data: (await deps.store.records.list(parseRecordQuery(query))).map(recordView) });
    }
    throw new HttpError(404, 'invalid_request_error', 'unknown_endpoint', `no admin endpoint ${req.method} ${path}; see /admin/v1/openapi.json`);
  } catch (err) {
    if (err instanceof HttpError) return sendError(res, err);
    deps.log.error('admin API error', { path, error: err });
    sendError(res, new HttpError(500, 'server_error', 'internal_error', 'internal error; the gateway logged the details'));
  }
}

async function createKey(req: IncomingMessage, res: ServerResponse, deps: AdminDeps, actor: string): Promise<void> {
  const b = (await readJsonBody(req, ADMIN_BODY)).value as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !['name', 'models', 'expires_in', 'expires_at', 'role'].includes(k));
  if (unknown.length) throw invalidRequest('unknown_field', `unknown field(s): ${unknown.join(', ')} (allowed: name, models, expires_in, expires_at, role)`);
  if (typeof b.name !== 'string') throw invalidRequest('invalid_name', '"name" is required and must be a string', 'name');
  if (b.models != null && (!Array.isArray(b.models) || !b.models.every((m) => typeof m === 'string'))) throw invalidRequest('invalid_models', '"models" must be an array of model names', 'models');
  if (b.role != null && b.role !== 'user' && b.role !== 'admin') throw invalidRequest('invalid_role', '"role" must be "user" or "admin"', 'role');
  const models = (b.models as string[] | undefined) ?? null;
  const missing = models ? unknownModelNames(deps.models(), models) : [];
  if (missing.length) throw invalidRequest('unknown_model', `unknown model(s): ${missing.join(', ')}; configured: ${deps.modelNames().join(', ')}`, 'models');
  let expiresAt: number | null = null;
  try {
    if (b.expires_in != null && b.expires_at != null) throw new KeyInputError('give either expires_in or expires_at, not both');
    if (b.expires_in != null) expiresAt = Date.now() + parseDuration(String(b.expires_in));
    if (b.expires_at != null) {
      expiresAt = typeof b.expires_at === 'string' ? Date.parse(b.expires_at) : NaN;
      if (Number.isNaN(expiresAt)) throw new KeyInputError('expires_at must be an ISO 8601 date-time');
    }
    const created = await createVirtualKey(deps.store, { name: b.name, models, expiresAt, role: (b.role as 'user' | 'admin' | undefined) ?? 'user' });
    deps.keys.upsert(created.record);
    deps.log.info('virtual key created', { key_id: created.record.id, name: created.record.name, actor });
    sendJson(res, 201, { ...publicKeyView(created.record), key: created.secret });
  } catch (err) {
    if (err instanceof KeyInputError || (err instanceof Error && err.message.startsWith('invalid duration'))) throw invalidRequest('invalid_key_request', err.message);
    throw err;
  }
}

const notFound = (id: string) => new HttpError(404, 'invalid_request_error', 'key_not_found', `no virtual key with id ${id}`);
const methodNotAllowed = (allow: string) => new HttpError(405, 'invalid_request_error', 'method_not_allowed', `method not allowed; use ${allow}`, { headers: { allow } });
