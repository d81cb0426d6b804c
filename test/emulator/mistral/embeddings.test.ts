import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mistralAdapter } from '../../../src/providers/mistral/mistral-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { MISTRAL_KEY, mistralProvider } from './adapter-client.ts';

describe('Mistral emulator: POST /v1/embeddings', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'mistral', apiKey: MISTRAL_KEY });
  });
  after(() => emulator.close());

  it('embeds through the adapter: output_dimension, unit vectors, prompt tokens = words', async () => {
    const p = mistralProvider(emulator);
    const enc = await mistralAdapter.sign(mistralAdapter.embeddings!.encode({ model: 'codestral-embed', input: ['one two', 'three [emu latency_ms=1]'], dimensions: 4 }, p), p,
      { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 0, json: null }) });
    const res = await fetch(`${p.baseUrl}${enc.path}`, { method: 'POST', headers: enc.headers, body: enc.body });
    assert.equal(res.status, 200);
    const decoded = mistralAdapter.embeddings!.decode(await res.json());
    assert.equal(decoded.model, 'codestral-embed');
    assert.deepEqual(decoded.vectors.map((v) => v.length), [4, 4]);
    for (const v of decoded.vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
    assert.equal(decoded.usage.inputUncached, 3);
  });

  it('rejects token arrays and unknown fields with 422 detail', async () => {
    const res = await postJson(emulator, '/v1/embeddings', { model: 'mistral-embed', input: [[1, 2]], dimensions: 3 }, { authorization: `Bearer ${MISTRAL_KEY}` });
    assert.equal(res.status, 422);
    const body = await res.json() as { message: { detail: Array<{ loc: string[] }> } };
    assert.deepEqual(body.message.detail.map((d) => d.loc.join('.')), ['body.dimensions', 'body.input']);
  });
});
