import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flushedRecords, startHarness, type Harness } from './gateway-harness.ts';

describe('official openai client through the gateway', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('chat completion (non-streaming) with gateway headers and exact cost', async () => {
    const { data, response } = await h.openai().chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there [emu tokens=5 cached_tokens=2]' }] })
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.choices[0].message.role, 'assistant');
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.equal(data.usage?.completion_tokens, 5);
    assert.equal(data.usage?.prompt_tokens_details?.cached_tokens, 2);
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('x-switchyard-provider'), 'emu0');
    assert.equal(response.headers.get('x-switchyard-model'), 'gpt-4o-mini');
    assert.equal(response.headers.get('x-switchyard-attempts'), '1');
    const prompt = data.usage!.prompt_tokens;
    // gpt-4o-mini list price: $0.15 input, $0.075 cached input, $0.60 output per 1M tokens.
    const micros = Math.round(((prompt - 2) * 150_000 + 2 * 75_000 + 5 * 600_000) / 1_000_000);
    assert.equal(response.headers.get('x-switchyard-cost-usd'), (micros / 1e6).toFixed(6));
    const upstream = h.emulator.log.last()!;
    assert.equal(upstream.headers.authorization, 'Bearer emulator-upstream-secret', 'the provider key is sent upstream, not the virtual key');
    assert.equal((upstream.body as { model: string }).model, 'gpt-4o-mini');
  });

  test('streaming chat with include_usage: text deltas, usage chunk, clean finish', async () => {
    const stream = await h.openai().chat.completions.create({
      model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'stream please [emu tokens=6 reasoning_tokens=2]' }],
    });
    let text = '';
    let usage;
    let finish;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) text += chunk.choices[0].delta.content;
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.ok(text.length > 0);
    assert.equal(finish, 'stop');
    assert.equal(usage?.completion_tokens, 8, '6 text tokens + 2 reasoning tokens');
    assert.equal(usage?.completion_tokens_details?.reasoning_tokens, 2);
  });

  test('streaming chat without include_usage hides the usage chunk but still meters it', async () => {
    const before = (await flushedRecords(h)).length;
    const stream = await h.openai().chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi [emu tokens=4]' }] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((c) => c.choices.length === 1), 'no usage-only chunk reaches a client that did not ask for it');
    assert.ok(chunks.every((c) => !c.usage));
    const upstream = h.emulator.log.last()!.body as { stream_options: { include_usage: boolean } };
    assert.equal(upstream.stream_options.include_usage, true, 'the gateway always asks the upstream for usage');
    const recs = await flushedRecords(h);
    assert.equal(recs.length, before + 1);
    assert.equal(recs[0].usageSource, 'reported');
    assert.equal(recs[0].usage.outputText, 4);
    assert.ok(recs[0].costMicros != null && recs[0].costMicros > 0);
    assert.ok(recs[0].ttftMs != null && recs[0].ttftMs <= recs[0].latencyMs);
  });

  test('the upstream gets the client\'s own bytes when nothing needs rewriting, and a rebuilt body when something does', async () => {
    const raw = '{ "model": "gpt-4o-mini",\n  "messages": [{"role": "user", "content": "hi [emu tokens=2]"}],\n  "metadata": {"kept": "yes"} }';
    assert.equal((await h.post('/v1/chat/completions', raw)).status, 200);
    assert.equal(h.emulator.log.last()!.bodyText, raw, 'byte for byte: formatting and optional fields kept');
    assert.equal((await h.post('/v1/chat/completions', raw.replace('"metadata"', '"x_vendor_field"'))).status, 400, 'an openai upstream gets no field OpenAI does not document');

    const streamRaw = '{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi [emu tokens=2]"}]}';
    const streamed = await h.post('/v1/chat/completions', streamRaw);
    assert.equal(streamed.status, 200);
    await streamed.text();
    assert.equal(h.emulator.log.last()!.bodyText, streamRaw);

    const withRouting = '{"model":"gpt-4o-mini","models":["gpt-4o-mini"],"messages":[{"role":"user","content":"hi [emu tokens=2]"}]}';
    assert.equal((await h.post('/v1/chat/completions', withRouting)).status, 200);
    const upstream = h.emulator.log.last()!;
    assert.notEqual(upstream.bodyText, withRouting);
    assert.equal((upstream.body as Record<string, unknown>).models, undefined, 'the gateway\'s own routing fields are not sent upstream');

    const duplicated = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi [emu tokens=2]"}],"model":"gpt-4o-mini"}';
    assert.equal((await h.post('/v1/chat/completions', duplicated)).status, 200);
    assert.equal(h.emulator.log.last()!.bodyText, '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi [emu tokens=2]"}]}', 'a duplicated key is sent as the gateway read it');
  });

  test('embeddings', async () => {
    const res = await h.openai().embeddings.create({ model: 'text-embedding-3-small', input: ['a b c', 'd e'] });
    assert.equal(res.data.length, 2);
    assert.ok(res.data[0].embedding.length > 0);
    assert.ok(res.usage.prompt_tokens > 0);
  });

  test('models lists only what the key may use', async () => {
    const all = await h.openai().models.list();
    assert.deepEqual(all.data.map((m) => m.id).sort(), ['gpt-4o-mini', 'text-embedding-3-small']);
    const limited = await h.openai(await h.newKey({ name: 'limited', models: ['text-embedding-3-small'] })).models.list();
    assert.deepEqual(limited.data.map((m) => m.id), ['text-embedding-3-small']);
  });

  test('records carry the request fields', async () => {
    await h.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'record me [emu tokens=3]' }] });
    const [r] = await flushedRecords(h);
    assert.equal(r.endpoint, 'chat.completions');
    assert.equal(r.requestedModel, 'gpt-4o-mini');
    assert.equal(r.provider, 'emu0');
    assert.equal(r.upstreamModel, 'gpt-4o-mini');
    assert.equal(r.status, 200);
    assert.equal(r.errorClass, null);
    assert.equal(r.stream, false);
    assert.equal(r.attempts, 1);
    assert.equal(r.usage.outputText, 3);
    assert.equal(r.usageSource, 'reported');
    assert.ok(r.keyId?.startsWith('key_'));
    assert.ok(r.latencyMs > 0);
  });
});
