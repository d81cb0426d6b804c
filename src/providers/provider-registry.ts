import type { ProviderType } from '../config/types.ts';
import { anthropicAdapter } from './anthropic/anthropic-adapter.ts';
import { azureOpenAIAdapter } from './azure-openai/azure-openai-adapter.ts';
import { bedrockAdapter } from './bedrock/bedrock-adapter.ts';
import { cohereAdapter } from './cohere/cohere-adapter.ts';
import { geminiAdapter } from './gemini/gemini-adapter.ts';
import { mistralAdapter } from './mistral/mistral-adapter.ts';
import { openAIAdapter } from './openai/openai-adapter.ts';
import type { ProviderAdapter } from './provider-adapter.ts';
import { vertexAdapter } from './vertex/vertex-adapter.ts';

const ADAPTERS: Record<ProviderType, ProviderAdapter> = {
  openai: openAIAdapter,
  'openai-compatible': openAIAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  vertex: vertexAdapter,
  bedrock: bedrockAdapter,
  'azure-openai': azureOpenAIAdapter,
  mistral: mistralAdapter,
  cohere: cohereAdapter,
};

/** The built-in adapter for a provider type. */
export function adapterFor(type: ProviderType): ProviderAdapter {
  return ADAPTERS[type];
}
