import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { providerSetups } from '../conformance/conformance-providers.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

/**
 * An upstream that reports absurd usage (the emulator's `prompt_tokens` directive) still gets its
 * answer served: the record keeps the raw usage as invalid with zero counts and no cost, and the
 * token and cost metrics skip it, on the identity path and on translated paths, JSON and streaming.
 */
const PROVIDERS = ['openai', 'anthropic', 'gemini', 'bedrock'] as const;
const MODELS = ['gpt-4o-mini', 'claude', 'gemini', 'haiku'];
const POISON = ['1e300', '10000000000'];

describe('absurd upstream usage never fails a served answer', () => {
  let g: YamlGateway;
  const emulators: Emulator[] = [];

  before(async () => {
    let providers = '';
    for (const s of providerSetups().filter((p) => (PROVIDERS as readonly string[]).includes(p.provider))) {
      const emu = await startEmulator({ ...s.emulator, provider: s.provider, quiet: true });
      emulators.push(emu);
      providers += `  ${s.provider}:\n    ${s.yaml(emu.url)}\n`;
    }
    g = await startGatewayFromYaml(`
upstream_defaults:
  timeouts: { connect_ms: 2000, first_byte_ms: 3000, idle_ms: 3000, total_ms: 10000 }
providers:
${providers}
models:
  gpt-4o-mini: openai/gpt-4o-mini
  claude: anthropic/claude-sonnet-4-5
  gemini: gemini/gemini-2.5-flash
  haiku: bedrock/anthropic.claude-3-5-haiku-20241022-v1:0
`);
  });

  after(async () => {
    await g?.close();
    await Promise.all(emulators.map((e) => e.close()));
  });

  const post = (path: string, body: unknown) =>
    fetch(`${g.gateway.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.secret}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(body),
    });

  async function record(id: string) {
    await g.gateway.records.flush();
    const r = (await g.store.records.list({ limit: 1000 })).find((x) => x.id === id);
    assert.ok(r, `a record for ${id}`);
    return r;
  }

  async function tokenMetrics(): Promise<number[]> {
    const text = await (await fetch(`${g.gateway.url}/metrics`)).text();
    return text.split('\n').filter((l) => /^switchyard_(tokens|cost_micros)_total\{/.test(l)).map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
  }

  async function assertPoisonedRecord(id: string, poison: string): Promise<void> {
    const r = await record(id);
    assert.equal(r.status, 200);
    assert.ok(r.usageInvalid, `${id}: usage marked invalid`);
    assert.ok(r.usageInvalid.includes(poison === '1e300' ? '1e+300' : poison), r.usageInvalid);
    assert.equal(r.costMicros, null);
    assert.deepEqual(r.usage, { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0 });
  }

  test('chat completions, JSON and streaming, identity and translated', async () => {
    for (const model of MODELS) {
      for (const poison of POISON) {
        const content = `hi [emu prompt_tokens=${poison}]`;
        const json = await post('/v1/chat/completions', { model, messages: [{ role: 'user', content }] });
        const text = await json.text();
        assert.equal(json.status, 200, `${model} ${poison}: ${text}`);
        assert.ok((JSON.parse(text) as { choices: unknown[] }).choices.length > 0);
        assert.equal(json.headers.get('x-switchyard-cost-usd'), 'unpriced');
        await assertPoisonedRecord(json.headers.get('x-request-id')!, poison);

        const stream = await post('/v1/chat/completions', { model, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content }] });
        const events = await stream.text();
        assert.equal(stream.status, 200, `${model} ${poison} stream`);
        assert.ok(events.trimEnd().endsWith('data: [DONE]'), `${model} ${poison}: the stream ends cleanly`);
        assert.ok(!events.includes('"error"'), events);
        await assertPoisonedRecord(stream.headers.get('x-request-id')!, poison);
      }
    }
  });

  test('Anthropic Messages inbound, translated to an OpenAI upstream and to Gemini', async () => {
    for (const model of ['gpt-4o-mini', 'gemini']) {
      for (const stream of [false, true]) {
        const res = await post('/v1/messages', { model, max_tokens: 64, stream, messages: [{ role: 'user', content: 'hi [emu prompt_tokens=1e300]' }] });
        const text = await res.text();
        assert.equal(res.status, 200, `${model} stream=${stream}: ${text}`);
        if (stream) assert.match(text, /event: message_stop/);
        else assert.equal((JSON.parse(text) as { type: string }).type, 'message');
        await assertPoisonedRecord(res.headers.get('x-request-id')!, '1e300');
      }
    }
  });

  test('metrics skip poisoned usage and keep counting sane usage', async () => {
    for (const model of MODELS) {
      const res = await post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi [emu prompt_tokens=1e300]' }] });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    }
    await g.gateway.records.flush();
    const poisoned = await tokenMetrics();
    assert.ok(poisoned.every((v) => Number.isSafeInteger(v) && v < 1e9), `no absurd figure in the metrics: ${poisoned.join(', ')}`);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const res = await post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('x-switchyard-cost-usd'), 'unpriced');
    await res.arrayBuffer();
    const r = await record(res.headers.get('x-request-id')!);
    assert.equal(r.usageInvalid, null);
    assert.ok(r.usage.inputUncached > 0);
    assert.ok(sum(await tokenMetrics()) > sum(poisoned), 'a sane request still moves the token metrics');
  });
});
