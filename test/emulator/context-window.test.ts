import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAnthropicError } from '../../src/providers/anthropic/classify-anthropic-error.ts';
import { classifyAzureOpenAIError } from '../../src/providers/azure-openai/classify-azure-openai-error.ts';
import { classifyBedrockError } from '../../src/providers/bedrock/classify-bedrock-error.ts';
import { classifyCohereError } from '../../src/providers/cohere/classify-cohere-error.ts';
import { classifyGoogleError } from '../../src/providers/gemini/classify-google-error.ts';
import { classifyMistralError } from '../../src/providers/mistral/classify-mistral-error.ts';
import { classifyOpenAIError } from '../../src/providers/openai/classify-openai-error.ts';
import type { UpstreamFailure } from '../../src/upstream/upstream-failure.ts';
import { ALL_PROVIDERS, providerChatRequest } from './provider-requests.ts';
import type { EmulatedProvider } from './provider-routes.ts';
import { startEmulator } from './server.ts';
import { postJson } from './test-clients.ts';

type Headers = Record<string, string | string[] | undefined>;

/** Switchyard's own classifier for each provider: the emulator's error must be what it recognises. */
const CLASSIFY: Record<EmulatedProvider, (status: number, headers: Headers, text: string) => UpstreamFailure> = {
  openai: (s, h, t) => classifyOpenAIError('p', s, h, t),
  'azure-openai': (s, h, t) => classifyAzureOpenAIError('p', s, h, t),
  anthropic: (s, h, t) => classifyAnthropicError('p', s, h, t),
  gemini: (s, h, t) => classifyGoogleError('p', s, h, t, { setting: 'api_key' }),
  vertex: (s, h, t) => classifyGoogleError('p', s, h, t, { setting: 'gcp_service_account' }),
  bedrock: (s, h, t) => classifyBedrockError(s, h, t, 'p'),
  mistral: (s, h, t) => classifyMistralError('p', s, h, t),
  cohere: (s, h, t) => classifyCohereError('p', s, h, t),
};

/** Six words in one user message: 4 + 6 = 10 prompt tokens by the emulator's formula. */
const TEN_TOKEN_PROMPT = 'one two three four five six';

describe('context_window', () => {
  for (const provider of ALL_PROVIDERS) {
    it(`${provider}: a prompt over the window gets the context-length error Switchyard's classifier recognises`, async () => {
      const emulator = await startEmulator({ provider, quiet: true });
      try {
        const over = providerChatRequest(provider, `${TEN_TOKEN_PROMPT} [emu context_window=9]`);
        const res = await postJson(emulator, over.path, over.body, over.headers);
        const text = await res.text();
        assert.equal(res.status, 400, text);
        const failure = CLASSIFY[provider](res.status, Object.fromEntries(res.headers), text);
        assert.equal(failure.action, 'return');
        assert.equal(failure.clientError.code, 'context_length_exceeded', text);
        if (provider !== 'bedrock') assert.match(text, /\b10\b/, 'the message gives the counted prompt tokens');

        const fits = providerChatRequest(provider, `${TEN_TOKEN_PROMPT} [emu context_window=10]`);
        const ok = await postJson(emulator, fits.path, fits.body, fits.headers);
        assert.equal(ok.status, 200, await ok.text());
      } finally {
        await emulator.close();
      }
    });
  }

  it('works as an instance default and counts cached_tokens as prompt', async () => {
    const emulator = await startEmulator({ defaults: { context_window: 12 }, quiet: true });
    try {
      const req = providerChatRequest('openai', TEN_TOKEN_PROMPT);
      assert.equal((await postJson(emulator, req.path, req.body)).status, 200);
      const cached = providerChatRequest('openai', `${TEN_TOKEN_PROMPT} [emu cached_tokens=3]`);
      const res = await postJson(emulator, cached.path, cached.body);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; param: string; message: string } };
      assert.deepEqual([body.error.code, body.error.param], ['context_length_exceeded', 'messages']);
      assert.match(body.error.message, /maximum context length is 12 tokens\. However, your messages resulted in 13 tokens/);
    } finally {
      await emulator.close();
    }
  });
});
