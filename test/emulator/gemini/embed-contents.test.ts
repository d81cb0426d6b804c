import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embeddingVector } from '../openai/embedding-vector.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { googleBody } from './google-test-body.ts';

const BATCH = '/v1beta/models/gemini-embedding-001:batchEmbedContents';
const request = (text: string, extra: Record<string, unknown> = {}) => ({ model: 'models/gemini-embedding-001', content: { parts: [{ text }] }, ...extra });

describe('Gemini emulator: embeddings and stream faults', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'gemini', quiet: true });
  });
  after(() => emulator.close());

  it('embeds each request with the shared deterministic vectors', async () => {
    const res = await postJson(emulator, BATCH, { requests: [request('alpha beta'), request('gamma [emu latency_ms=1]', { outputDimensionality: 3, taskType: 'RETRIEVAL_QUERY' })] });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { embeddings: [{ values: embeddingVector('alpha beta', 8) }, { values: embeddingVector('gamma ', 3) }] });
    const single = await postJson(emulator, '/v1beta/models/gemini-embedding-001:embedContent', { content: { parts: [{ text: 'alpha beta' }] } });
    assert.deepEqual(await single.json(), { embedding: { values: embeddingVector('alpha beta', 8) } });
  });

  it('validates like Google and honours markers in the inputs', async () => {
    const mismatch = await postJson(emulator, BATCH, { requests: [{ ...request('x'), model: 'models/other' }] });
    assert.equal(mismatch.status, 400);
    assert.match((await googleBody(mismatch)).error.message, /Model names should match/);
    const empty = await postJson(emulator, BATCH, { requests: [] });
    assert.equal(empty.status, 400);
    const limited = await postJson(emulator, BATCH, { requests: [request('a'), request('b [emu status=429]')] });
    assert.equal(limited.status, 429);
    assert.equal((await googleBody(limited)).error.status, 'RESOURCE_EXHAUSTED');
  });

  it('goes silent after hang_after content fragments', async () => {
    const res = await postJson(emulator, '/v1beta/models/m:streamGenerateContent?alt=sse', { contents: [{ role: 'user', parts: [{ text: 'x [emu hang_after=1]' }] }] });
    const entry = await emulator.log.waitFor((e) => e.outcome === 'hung', 2000);
    assert.equal(entry.chunksSent, 1);
    await res.body?.cancel();
    await emulator.log.waitFor((e) => e.id === entry.id && e.outcome === 'aborted', 2000);
  });
});
