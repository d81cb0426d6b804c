import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CanonicalRequest } from '../../../src/canonical/request.ts';
import type { ProviderConfig } from '../../../src/config/types.ts';
import type { SignContext } from '../../../src/providers/provider-adapter.ts';
import { vertexAdapter } from '../../../src/providers/vertex/vertex-adapter.ts';
import { createFetchJson } from '../../../src/upstream/fetch-json.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson, sseData } from '../test-clients.ts';
import { googleBody, type GoogleTestBody } from '../gemini/google-test-body.ts';
import { DEFAULT_VERTEX_ACCESS_TOKEN } from './token-endpoint.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: typeof keys.privateKey) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
const MODEL_PATH = '/v1/projects/proj/locations/us-central1/publishers/google/models/gemini-2.5-pro';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function jwt(claims: Record<string, unknown>, key = keys.privateKey): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function request(text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gemini-2.5-pro', system: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...extra };
}

describe('Vertex emulator and adapter', () => {
  let emulator: Emulator;
  let provider: ProviderConfig;
  let ctx: SignContext;
  const token = (form: Record<string, string>) => fetch(`${emulator.url}/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });
  const call = async (req: CanonicalRequest, p = provider, c = ctx) => {
    const signed = await vertexAdapter.sign(vertexAdapter.encodeChatRequest(req, p), p, c);
    return fetch(`${p.baseUrl}${signed.path}`, { method: signed.method, headers: signed.headers, body: signed.body });
  };
  before(async () => {
    emulator = await startEmulator({ provider: 'vertex', gcpPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), quiet: true });
    provider = {
      id: 'vx', type: 'vertex', baseUrl: `${emulator.url}/v1`, headers: {}, maxConnections: 4, region: 'us-central1', project: 'proj',
      timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 5000 },
      gcpServiceAccount: { clientEmail: 'sa@proj.iam.gserviceaccount.com', privateKey: pem(keys.privateKey), tokenUri: `${emulator.url}/token` },
    };
    ctx = { now: Date.now, cache: new Map(), fetchJson: createFetchJson(2000) };
  });
  after(() => emulator.close());

  it('mints one access token for many calls and answers generateContent in Vertex shape', async () => {
    const first = await call(request('hello there'));
    assert.equal(first.status, 200);
    const body = await googleBody(first);
    assert.equal(body.createTime, '2025-01-01T00:00:00.000000Z');
    assert.equal(body.usageMetadata.trafficType, 'ON_DEMAND');
    const decoded = vertexAdapter.decodeChatResponse(body);
    assert.deepEqual({ ...decoded.usage, raw: undefined }, { inputUncached: 6, inputCacheRead: 0, inputCacheWrite: 0, outputText: 8, outputReasoning: 0, raw: undefined });
    assert.equal(decoded.created, 1735689600);
    await Promise.all([call(request('a')), call(request('b'))]);
    const tokenCalls = emulator.log.entries().filter((e) => e.path === '/token');
    assert.equal(tokenCalls.length, 1);
    const data = emulator.log.entries().filter((e) => e.path.endsWith(':generateContent'));
    assert.ok(data.every((e) => e.headers.authorization === `Bearer ${DEFAULT_VERTEX_ACCESS_TOKEN}`));
  });

  it('streams SSE fragments that the Gemini decoder reads', async () => {
    const res = await call(request('hi [emu tokens=2]', { stream: true }));
    const text = await res.text();
    const frames = sseData(text).map((d) => JSON.parse(d) as GoogleTestBody);
    assert.equal(frames.length, 3);
    assert.ok(frames.every((f) => f.createTime === '2025-01-01T00:00:00.000000Z'));
    const decoder = vertexAdapter.createStreamDecoder();
    const events = [...decoder.push(Buffer.from(text)), ...decoder.end()];
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'stop', rawFinishReason: 'STOP' });
  });

  it('refuses data calls without the issued token', async () => {
    const res = await postJson(emulator, `${MODEL_PATH}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'x' }] }] }, { authorization: 'Bearer nope' });
    assert.equal(res.status, 401);
    assert.equal((await googleBody(res)).error.status, 'UNAUTHENTICATED');
  });

  it('rejects an assertion signed by another key, and the signer reports it without the key', async () => {
    const wrong = { ...provider, gcpServiceAccount: { ...provider.gcpServiceAccount!, privateKey: pem(other.privateKey) } };
    const fresh: SignContext = { now: Date.now, cache: new Map(), fetchJson: createFetchJson(2000) };
    await assert.rejects(call(request('x'), wrong, fresh), (e: unknown) =>
      e instanceof Error && e.message === 'the service account token exchange failed (HTTP 400, invalid_grant: Invalid JWT Signature.)');
  });

  it('checks grant type, audience, scope and lifetime like Google', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = { iss: 'sa@x', scope: 'https://www.googleapis.com/auth/cloud-platform', aud: `${emulator.url}/token`, iat: now, exp: now + 3600 };
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const ok = await token({ grant_type: grant, assertion: jwt(good) });
    assert.deepEqual(await ok.json(), { access_token: DEFAULT_VERTEX_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' });
    const cases: Array<[Record<string, string>, string]> = [
      [{ grant_type: 'password', assertion: jwt(good) }, 'unsupported_grant_type'],
      [{ grant_type: grant, assertion: jwt({ ...good, aud: 'https://elsewhere/token' }) }, 'invalid_grant'],
      [{ grant_type: grant, assertion: jwt({ ...good, scope: undefined }) }, 'invalid_scope'],
      [{ grant_type: grant, assertion: jwt({ ...good, exp: now + 7200 }) }, 'invalid_grant'],
      [{ grant_type: grant, assertion: jwt({ ...good, iat: now - 7200, exp: now - 3600 }) }, 'invalid_grant'],
      [{ grant_type: grant, assertion: 'not.a.jwt' }, 'invalid_grant'],
    ];
    for (const [form, error] of cases) {
      const res = await token(form);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, error);
    }
  });

  it('embeds through :predict with token_count usage', async () => {
    const signed = await vertexAdapter.sign(vertexAdapter.embeddings!.encode({ model: 'text-embedding-005', input: ['alpha beta', 'gamma [emu latency_ms=1]'], dimensions: 4 }, provider), provider, ctx);
    const res = await fetch(`${provider.baseUrl}${signed.path}`, { method: 'POST', headers: signed.headers, body: signed.body });
    const json = await googleBody(res);
    assert.deepEqual(json.metadata, { billableCharacterCount: 16 });
    const r = vertexAdapter.embeddings!.decode(json);
    assert.equal(r.vectors.length, 2);
    assert.equal(r.vectors[1].length, 4);
    assert.equal(r.usage.inputUncached, 3);
  });

  it('classifies Vertex errors', async () => {
    const res = await call(request('x [emu status=429]'));
    assert.equal(vertexAdapter.classifyError(res.status, {}, await res.text(), 'vx').errorClass, 'rate_limited');
  });
});
