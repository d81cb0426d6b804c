import type { EmulatedProvider } from './provider-routes.ts';

/** A minimal valid chat request for one provider: the path to POST, its headers and its body. */
export interface ProviderChatRequest {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * One user turn saying `text` in each provider's chat format, for tests that must run the same
 * scenario against every emulated provider (no auth: start the emulator without `apiKey`/`aws`).
 */
export function providerChatRequest(provider: EmulatedProvider, text: string, stream = false): ProviderChatRequest {
  const json = { 'content-type': 'application/json' };
  const openAIMessages = [{ role: 'user', content: text }];
  const googleBody = { contents: [{ role: 'user', parts: [{ text }] }] };
  const googleMethod = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  switch (provider) {
    case 'openai':
      return { path: '/v1/chat/completions', headers: json, body: { model: 'gpt-4o-mini', messages: openAIMessages, stream } };
    case 'azure-openai':
      return { path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', headers: json, body: { messages: openAIMessages, stream } };
    case 'mistral':
      return { path: '/v1/chat/completions', headers: json, body: { model: 'mistral-small-latest', messages: openAIMessages, stream } };
    case 'cohere':
      return { path: '/v2/chat', headers: json, body: { model: 'command-a-03-2025', messages: openAIMessages, stream } };
    case 'anthropic':
      return {
        path: '/v1/messages',
        headers: { ...json, 'anthropic-version': '2023-06-01' },
        body: { model: 'claude-sonnet-4-5', max_tokens: 64, messages: openAIMessages, stream },
      };
    case 'gemini':
      return { path: `/v1beta/models/gemini-2.0-flash:${googleMethod}`, headers: json, body: googleBody };
    case 'vertex':
      return { path: `/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:${googleMethod}`, headers: json, body: googleBody };
    case 'bedrock':
      return { path: `/model/amazon.nova-lite-v1%3A0/${stream ? 'converse-stream' : 'converse'}`, headers: json, body: { messages: [{ role: 'user', content: [{ text }] }] } };
  }
}

export const ALL_PROVIDERS: readonly EmulatedProvider[] = ['openai', 'azure-openai', 'anthropic', 'gemini', 'vertex', 'bedrock', 'mistral', 'cohere'];
