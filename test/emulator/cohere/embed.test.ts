import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cohereAdapter } from '../../../src/providers/cohere/cohere-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { COHERE_KEY, cohereProvider } from './adapter-client.ts';

describe('Cohere emulator: POST /v2/embed', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'cohere', apiKey: COHERE_KEY });
  });
  after(() => emulator.close());

  it('embeds through the adapter: float vectors, output_dimension, billed input tokens', async () => {
    const p = cohereProvider(emulator);
    const enc = await cohereAdapter.sign(cohereAdapter.embeddings!.encode({ model: 'embed-v4.0', input: ['one two', 'three'], dimensions: 5 }, p), p,
      { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 0, json: null }) });
    const res = await fetch(`${p.baseUrl}${enc.path}`, { method: 'POST', headers: enc.headers, body: enc.body });
    assert.equal(res.status, 200);
    const json = await res.json() as Record<string, unknown>;
    assert.equal(json.response_type, 'embeddings_by_type');
    const decoded = cohereAdapter.embeddings!.decode(json);
    assert.deepEqual(decoded.vectors.map((v) => v.length), [5, 5]);
    assert.equal(decoded.usage.inputUncached, 3);
    assert.equal((emulator.log.last()?.body as { input_type: string }).input_type, 'search_document');
  });

  it('requires input_type and rejects unknown fields', async () => {
    const auth = { authorization: `Bearer ${COHERE_KEY}` };
    assert.equal((await postJson(emulator, '/v2/embed', { model: 'embed-v4.0', texts: ['a'] }, auth)).status, 400);
    const res = await postJson(emulator, '/v2/embed', { model: 'embed-v4.0', texts: ['a'], input_type: 'search_query', dimensions: 4 }, auth);
    assert.deepEqual([res.status, ((await res.json()) as { message: string }).message], [400, 'invalid request: unknown field: parameter dimensions is not a valid field']);
  });
});
