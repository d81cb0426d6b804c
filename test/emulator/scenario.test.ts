import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { providerChatRequest } from './provider-requests.ts';
import type { EmulatedProvider } from './provider-routes.ts';
import { seededRandom, startEmulator, type Emulator } from './server.ts';
import { chatBody, postJson } from './test-clients.ts';

async function withEmulator(provider: EmulatedProvider, run: (e: Emulator) => Promise<void>, seed?: number): Promise<void> {
  const emulator = await startEmulator({ provider, quiet: true, seed });
  try {
    await run(emulator);
  } finally {
    await emulator.close();
  }
}

function chat(emulator: Emulator, provider: EmulatedProvider, text = 'hi', stream = false): Promise<Response> {
  const req = providerChatRequest(provider, text, stream);
  return postJson(emulator, req.path, req.body, req.headers);
}

describe('setScenario', () => {
  it('down: every request gets 503 in the provider shape, whatever it asks; healthy restores', () =>
    withEmulator('anthropic', async (emulator) => {
      emulator.setScenario({ kind: 'down' });
      for (const text of ['hi', 'hi [emu status=200]', 'hi [emu hang=1]', 'hi [emu reset=1]']) {
        const res = await chat(emulator, 'anthropic', text);
        assert.equal(res.status, 503, text);
        assert.deepEqual(((await res.json()) as { error: unknown }).error, { type: 'overloaded_error', message: 'Overloaded' });
      }
      emulator.setScenario({ kind: 'down', status: 500 });
      assert.equal((await chat(emulator, 'anthropic')).status, 500);
      emulator.setScenario({ kind: 'healthy' });
      assert.equal((await chat(emulator, 'anthropic')).status, 200);
    }));

  it('down with reset: the connection is destroyed without any response', () =>
    withEmulator('openai', async (emulator) => {
      emulator.setScenario({ kind: 'down', reset: true });
      await assert.rejects(chat(emulator, 'openai'), TypeError);
      const entry = await emulator.log.waitFor((e) => e.outcome === 'cut', 2_000);
      assert.equal(entry.status, undefined);
      assert.equal(entry.chunksSent, 0);
      emulator.setScenario({ kind: 'healthy' });
      assert.equal((await chat(emulator, 'openai')).status, 200);
    }));

  it('reset=1 as a per-request directive does the same', () =>
    withEmulator('gemini', async (emulator) => {
      await assert.rejects(chat(emulator, 'gemini', 'hi [emu reset=1]'), TypeError);
      assert.equal((await emulator.log.waitFor((e) => e.outcome !== 'pending', 2_000)).outcome, 'cut');
    }));

  it('flapping: fails with the seeded sequence, the same on every run, with the chosen status', async () => {
    const statuses = async (): Promise<number[]> => {
      const out: number[] = [];
      await withEmulator('mistral', async (emulator) => {
        emulator.setScenario({ kind: 'flapping', failRate: 0.5, status: 502 });
        for (let i = 0; i < 24; i++) out.push((await chat(emulator, 'mistral')).status);
      }, 7);
      return out;
    };
    const first = await statuses();
    const random = seededRandom(7);
    assert.deepEqual(first, Array.from({ length: 24 }, () => (random() < 0.5 ? 502 : 200)));
    assert.ok(first.includes(200) && first.includes(502), first.join(','));
    assert.deepEqual(await statuses(), first);
  });

  it('fail_rate as a default is seeded by the `seed` option', async () => {
    const emulator = await startEmulator({ seed: 11, defaults: { fail_rate: 0.3 }, quiet: true });
    try {
      const random = seededRandom(11);
      for (let i = 0; i < 16; i++) {
        const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi'));
        assert.equal(res.status, random() < 0.3 ? 503 : 200, `request ${i}`);
      }
    } finally {
      await emulator.close();
    }
  });

  it('slow: latencyMs delays the headers of every request', () =>
    withEmulator('cohere', async (emulator) => {
      emulator.setScenario({ kind: 'slow', latencyMs: 150 });
      const started = performance.now();
      assert.equal((await chat(emulator, 'cohere', 'hi [emu latency_ms=0]')).status, 200);
      assert.ok(performance.now() - started >= 140);
    }));

  for (const provider of ['openai', 'bedrock'] as const) {
    it(`slow: firstTokenMs sends the stream headers at once, then nothing until the delay is over (${provider})`, () =>
      withEmulator(provider, async (emulator) => {
        emulator.setScenario({ kind: 'slow', firstTokenMs: 400 });
        const started = performance.now();
        const res = await chat(emulator, provider, 'hi [emu tokens=2]', true);
        const headersAt = performance.now() - started;
        assert.equal(res.status, 200);
        const reader = res.body!.getReader();
        await reader.read();
        const firstFrameAt = performance.now() - started;
        assert.ok(headersAt < 300, `headers after ${headersAt} ms`);
        assert.ok(firstFrameAt >= 390, `first frame after ${firstFrameAt} ms`);
        while (!(await reader.read()).done);
        assert.equal((await emulator.log.waitFor((e) => e.outcome !== 'pending')).outcome, 'completed');
      }));
  }

  it('throttled: 429 with retry-after seconds and the provider\'s own retry hint', () =>
    withEmulator('gemini', async (emulator) => {
      emulator.setScenario({ kind: 'throttled', retryAfterSeconds: 3 });
      const res = await chat(emulator, 'gemini', 'hi [emu status=200 retry_after=0]');
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '3');
      const body = (await res.json()) as { error: { status: string; details: unknown } };
      assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
      assert.deepEqual(body.error.details, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }]);
    }));

  it('a scenario sits on top of setDefaults, which applies again once the instance is healthy', () =>
    withEmulator('openai', async (emulator) => {
      emulator.setDefaults({ status: 500 });
      emulator.setScenario({ kind: 'throttled', retryAfterSeconds: 1 });
      assert.equal((await chat(emulator, 'openai')).status, 429);
      emulator.setScenario({ kind: 'healthy' });
      assert.equal((await chat(emulator, 'openai')).status, 500);
      assert.equal((await chat(emulator, 'openai', 'hi [emu status=200]')).status, 200);
    }));
});

describe('request count', () => {
  it('counts every request an instance received, beyond the log limit, until clear()', async () => {
    const emulator = await startEmulator({ logLimit: 2, quiet: true });
    try {
      emulator.setScenario({ kind: 'down' });
      for (let i = 0; i < 5; i++) await postJson(emulator, '/v1/chat/completions', chatBody('hi'));
      assert.equal(emulator.log.count(), 5);
      assert.equal(emulator.log.entries().length, 2);
      emulator.log.clear();
      assert.equal(emulator.log.count(), 0);
      await postJson(emulator, '/v1/chat/completions', chatBody('hi'));
      assert.equal(emulator.log.count(), 1);
    } finally {
      await emulator.close();
    }
  });
});
