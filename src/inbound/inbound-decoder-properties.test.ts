import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../test/property/property-settings.ts';
import type { CanonicalMessage, CanonicalRequest } from '../canonical/request.ts';
import { encodeAnthropicRequest } from '../providers/anthropic/encode-anthropic-request.ts';
import { encodeOpenAIChatBody } from '../providers/openai/encode-openai-chat-body.ts';
import { HttpError } from '../server/http-error.ts';
import type { InboundCodec } from './inbound-codec.ts';
import { INBOUND_CODECS } from './inbound-codecs.ts';
import { mutate } from '../../test/property/reshape-input.ts';

const codecs = Object.values(INBOUND_CODECS);

/** Decodes and, when it refuses, checks that the refusal is the documented one: an HttpError with a 4xx status. */
function decodeOrRefuse(codec: InboundCodec, body: Record<string, unknown>): CanonicalRequest | HttpError {
  try {
    return codec.decodeRequest(body);
  } catch (err) {
    assert.ok(err instanceof HttpError, `${codec.api} threw ${String(err)} instead of an HttpError`);
    assert.ok(err.status >= 400 && err.status < 500, `${codec.api} refused with status ${err.status}`);
    assert.ok(err.message.length > 0);
    return err;
  }
}

const json = fc.jsonValue({ maxDepth: 4 });
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const field = fc.constantFrom(
  'model', 'messages', 'input', 'instructions', 'system', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'text',
  'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'temperature', 'top_p', 'top_k', 'stop', 'stop_sequences', 'seed',
  'presence_penalty', 'frequency_penalty', 'reasoning_effort', 'reasoning', 'thinking', 'user', 'metadata', 'stream', 'stream_options',
  'n', 'functions', 'function_call', 'output_config', 'output_format', 'store', 'previous_response_id', '__proto__', 'constructor',
);

/** A request each API accepts, used as the base that mutations damage. */
const VALID: Record<InboundCodec['api'], Record<string, unknown>> = {
  'openai-chat': { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
  'openai-responses': { model: 'm', input: 'hi' },
  'anthropic-messages': { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
};

describe('inbound decoders on arbitrary input', () => {
  it('arbitrary JSON objects are decoded or refused with a 4xx HttpError, never another throw', () => {
    fc.assert(fc.property(fc.constantFrom(...codecs), fc.dictionary(fc.oneof(field, fc.string()), json, { maxKeys: 8 }), (codec, body) => {
      decodeOrRefuse(codec, body);
    }), propertyParams(300));
  });

  it('valid requests with known fields set to arbitrary JSON are decoded or refused with a 4xx HttpError', () => {
    fc.assert(fc.property(fc.constantFrom(...codecs), fc.dictionary(field, json, { maxKeys: 4 }), (codec, extra) => {
      decodeOrRefuse(codec, { ...VALID[codec.api], ...extra });
    }), propertyParams(300));
  });

  it('valid requests with a value anywhere inside replaced by arbitrary JSON are decoded or refused with a 4xx HttpError', () => {
    const messageLike = fc.constantFrom<unknown>(
      { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'r' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x' }] },
    );
    const tool = fc.constantFrom<unknown>(
      { type: 'function', function: { name: 'f', parameters: { type: 'object' } } },
      { type: 'function', name: 'f', parameters: { type: 'object' } },
      { name: 'f', input_schema: { type: 'object' } },
    );
    fc.assert(fc.property(fc.constantFrom(...codecs), fc.array(messageLike, { maxLength: 3 }), fc.array(tool, { maxLength: 2 }), fc.array(fc.nat(), { maxLength: 6 }), json,
      (codec, messages, tools, path, value) => {
        const base: Record<string, unknown> = { ...VALID[codec.api], tools };
        if (codec.api === 'openai-responses') base.input = messages;
        else base.messages = [...(base.messages as unknown[]), ...messages];
        const damaged = mutate(base, path, value);
        if (damaged !== null && typeof damaged === 'object' && !Array.isArray(damaged)) decodeOrRefuse(codec, damaged as Record<string, unknown>);
      }), propertyParams(300));
  });
});

/** Canonical requests in the subset every inbound API and provider encoding can express without loss. */
const conversation = fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 3 }).chain((turns) =>
  text.map((last): CanonicalMessage[] => [
    ...turns.flatMap(([u, a]): CanonicalMessage[] => [
      { role: 'user', content: [{ type: 'text', text: u }] },
      { role: 'assistant', content: [{ type: 'text', text: a }] },
    ]),
    { role: 'user', content: [{ type: 'text', text: last }] },
  ]));

const canonical = fc.record({
  model: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
  system: fc.array(text, { maxLength: 1 }).map((ts) => ts.map((t) => ({ type: 'text' as const, text: t }))),
  messages: conversation,
  maxOutputTokens: fc.integer({ min: 1, max: 100_000 }),
  temperature: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  topP: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  stopSequences: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  user: fc.option(text, { nil: undefined }),
  stream: fc.boolean(),
}).map((r) => {
  const req: CanonicalRequest = { model: r.model, system: r.system, messages: r.messages, tools: [], maxOutputTokens: r.maxOutputTokens, stream: r.stream };
  for (const k of ['temperature', 'topP', 'stopSequences', 'user'] as const) if (r[k] !== undefined) (req as unknown as Record<string, unknown>)[k] = r[k];
  return req;
});

describe('inbound decoders round-trip valid requests', () => {
  it('canonical → OpenAI chat body (as the OpenAI adapter sends it) → OpenAI chat decoder gives back the same canonical request', () => {
    fc.assert(fc.property(canonical, (req) => {
      const wire = JSON.parse(JSON.stringify(encodeOpenAIChatBody(req, 'max_completion_tokens'))) as Record<string, unknown>;
      assert.deepEqual(INBOUND_CODECS['openai-chat'].decodeRequest(wire), req);
    }), propertyParams());
  });

  it('canonical → Anthropic Messages body (as the Anthropic adapter sends it) → Anthropic decoder gives back the same canonical request', () => {
    fc.assert(fc.property(canonical, (req) => {
      const wire = JSON.parse(JSON.stringify(encodeAnthropicRequest(req))) as Record<string, unknown>;
      assert.deepEqual(INBOUND_CODECS['anthropic-messages'].decodeRequest(wire), req);
    }), propertyParams());
  });

  it('a Responses request built from a canonical request decodes back to it', () => {
    fc.assert(fc.property(canonical, (req) => {
      const wire: Record<string, unknown> = {
        model: req.model,
        input: req.messages.map((m) => ({ role: m.role, content: (m.content as { text: string }[]).map((p) => p.text).join('') })),
        max_output_tokens: req.maxOutputTokens,
      };
      if (req.system.length > 0) wire.instructions = req.system[0].text;
      if (req.temperature !== undefined) wire.temperature = req.temperature;
      if (req.topP !== undefined) wire.top_p = req.topP;
      if (req.user !== undefined) wire.user = req.user;
      if (req.stream) wire.stream = true;
      const { stopSequences: _stop, ...expected } = req;
      const got = INBOUND_CODECS['openai-responses'].decodeRequest(wire);
      assert.deepEqual({ ...got, messages: got.messages.map((m) => ({ role: m.role, text: (m.content as { text: string }[]).map((p) => p.text).join('') })) },
        { ...expected, messages: expected.messages.map((m) => ({ role: m.role, text: (m.content as { text: string }[]).map((p) => p.text).join('') })) });
    }), propertyParams());
  });
});
