import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext } from '../provider-adapter.ts';
import { TOKEN_REFRESH_MARGIN_MS, vertexAccessToken } from './vertex-access-token.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const provider: ProviderConfig = {
  id: 'vx', type: 'vertex', baseUrl: 'https://us-central1-aiplatform.googleapis.com/v1', headers: {}, maxConnections: 4,
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 }, region: 'us-central1', project: 'proj',
  gcpServiceAccount: { clientEmail: 'sa@proj.iam.gserviceaccount.com', privateKey: pem, tokenUri: 'https://oauth2.test/token' },
};

interface Call { url: string; headers: Record<string, string>; body: string }

function context(answers: Array<{ status: number; json: unknown } | Error>, clock = { t: 1_000_000 }) {
  const calls: Call[] = [];
  const ctx: SignContext = {
    now: () => clock.t,
    cache: new Map(),
    fetchJson: async (url, init) => {
      calls.push({ url, headers: init.headers, body: init.body });
      await new Promise((r) => setImmediate(r));
      const answer = answers.shift() ?? { status: 500, json: {} };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { ctx, calls, clock };
}

describe('vertexAccessToken', () => {
  it('exchanges a JWT assertion, form-encoded, at the token URI', async () => {
    const { ctx, calls } = context([{ status: 200, json: { access_token: 'ya29.one', expires_in: 3599, token_type: 'Bearer' } }]);
    assert.equal(await vertexAccessToken(provider, ctx), 'ya29.one');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, 'https://oauth2.test/token');
    assert.equal(calls[0].headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(calls[0].body);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.equal(form.get('assertion')?.split('.').length, 3);
  });

  it('reuses the cached token until a minute before expiry', async () => {
    const { ctx, calls, clock } = context([
      { status: 200, json: { access_token: 'ya29.one', expires_in: 3600 } },
      { status: 200, json: { access_token: 'ya29.two', expires_in: 3600 } },
    ]);
    assert.equal(await vertexAccessToken(provider, ctx), 'ya29.one');
    clock.t += 3600_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    assert.equal(await vertexAccessToken(provider, ctx), 'ya29.one');
    assert.equal(calls.length, 1);
    clock.t += 1;
    assert.equal(await vertexAccessToken(provider, ctx), 'ya29.two');
    assert.equal(calls.length, 2);
  });

  it('shares one in-flight exchange between concurrent signers', async () => {
    const { ctx, calls } = context([{ status: 200, json: { access_token: 'ya29.shared', expires_in: 3600 } }]);
    const tokens = await Promise.all([vertexAccessToken(provider, ctx), vertexAccessToken(provider, ctx), vertexAccessToken(provider, ctx)]);
    assert.deepEqual(tokens, ['ya29.shared', 'ya29.shared', 'ya29.shared']);
    assert.equal(calls.length, 1);
  });

  it('fails every waiter of a failed exchange with a clear message, and does not cache the failure', async () => {
    const { ctx, calls } = context([
      { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } },
      { status: 200, json: { access_token: 'ya29.after', expires_in: 3600 } },
    ]);
    const results = await Promise.allSettled([vertexAccessToken(provider, ctx), vertexAccessToken(provider, ctx)]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      const message = (r as PromiseRejectedResult).reason.message as string;
      assert.equal(message, 'the service account token exchange failed (HTTP 400, invalid_grant: Invalid JWT Signature.)');
      assert.doesNotMatch(message, /PRIVATE KEY|eyJ/);
    }
    assert.equal(await vertexAccessToken(provider, ctx), 'ya29.after');
    assert.equal(calls.length, 2);
  });

  it('reports an unreachable endpoint, a 200 without a token, and a missing service account', async () => {
    const unreachable = context([Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' })]);
    await assert.rejects(vertexAccessToken(provider, unreachable.ctx), { message: 'the service account token endpoint could not be reached (ECONNREFUSED)' });
    const empty = context([{ status: 200, json: { token_type: 'Bearer' } }]);
    await assert.rejects(vertexAccessToken(provider, empty.ctx), { message: 'the service account token exchange failed (HTTP 200, no access_token in the answer)' });
    await assert.rejects(vertexAccessToken({ ...provider, gcpServiceAccount: undefined }, context([]).ctx), { message: 'provider vx (vertex) has no gcp_service_account configured' });
  });
});
