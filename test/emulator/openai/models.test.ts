import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { openAIClient } from '../test-clients.ts';

describe('GET /v1/models', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ models: ['gpt-4o-mini', 'o3'] });
  });
  after(() => emulator.close());

  it('lists the configured models in the OpenAI list shape', async () => {
    const res = await fetch(`${emulator.url}/v1/models`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      object: 'list',
      data: [
        { id: 'gpt-4o-mini', object: 'model', created: 1_700_000_000, owned_by: 'system' },
        { id: 'o3', object: 'model', created: 1_700_000_000, owned_by: 'system' },
      ],
    });
    const ids: string[] = [];
    for await (const model of openAIClient(emulator).models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['gpt-4o-mini', 'o3']);
  });

  it('retrieves one model and 404s an unknown one with model_not_found', async () => {
    const client = openAIClient(emulator);
    assert.equal((await client.models.retrieve('o3')).id, 'o3');
    await assert.rejects(client.models.retrieve('nope'), { status: 404, code: 'model_not_found' });
  });

  it('lists the three default models when none are configured', async () => {
    const defaults = await startEmulator();
    try {
      const body = (await (await fetch(`${defaults.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
      assert.deepEqual(body.data.map((m) => m.id), ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']);
    } finally {
      await defaults.close();
    }
  });
});
