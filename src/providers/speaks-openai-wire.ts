import type { ProviderType } from '../config/types.ts';

/**
 * Provider types that accept OpenAI's own request bodies at OpenAI's paths with Bearer auth, so an
 * OpenAI-format request can be forwarded byte for byte (the identity path). Azure OpenAI is not one:
 * its paths, query and auth header differ, so it goes through its adapter.
 */
export function speaksOpenAIWire(type: ProviderType): boolean {
  return type === 'openai' || type === 'openai-compatible';
}
