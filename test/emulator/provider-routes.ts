import { anthropicFormat, anthropicRoutes } from './anthropic/routes.ts';
import { azureOpenAIFormat, azureOpenAIRoutes } from './azure-openai/routes.ts';
import { bedrockFormat, bedrockRoutes } from './bedrock/routes.ts';
import { cohereFormat, cohereRoutes } from './cohere/routes.ts';
import { geminiFormat, geminiRoutes } from './gemini/routes.ts';
import { mistralFormat, mistralRoutes } from './mistral/routes.ts';
import { openAIFormat, openAIRoutes } from './openai/routes.ts';
import type { Route, WireFormat } from './request-context.ts';
import type { EmulatorOptions } from './server.ts';
import { vertexFormat, vertexRoutes } from './vertex/routes.ts';

/**
 * Which provider an emulator instance plays. One instance speaks one provider's API, as a real
 * upstream does (Mistral and OpenAI both use /v1/chat/completions). Each provider's folder
 * contributes its route table here.
 */
export type EmulatedProvider = 'openai' | 'anthropic' | 'gemini' | 'vertex' | 'bedrock' | 'azure-openai' | 'mistral' | 'cohere';

/** A route table, or a factory for providers whose routes depend on the emulator's options (Vertex's token endpoint keys). */
export type ProviderRoutes = readonly Route[] | ((opts: EmulatorOptions) => readonly Route[]);

export const PROVIDER_ROUTES: Partial<Record<EmulatedProvider, ProviderRoutes>> = {
  openai: openAIRoutes,
  anthropic: anthropicRoutes,
  'azure-openai': azureOpenAIRoutes,
  bedrock: bedrockRoutes,
  mistral: mistralRoutes,
  cohere: cohereRoutes,
  gemini: geminiRoutes,
  vertex: vertexRoutes,
};

/** Each provider's own error shape, for what no route handles: an unserved path, a body too large or not JSON. */
export const PROVIDER_FORMATS: Record<EmulatedProvider, WireFormat> = {
  openai: openAIFormat,
  anthropic: anthropicFormat,
  'azure-openai': azureOpenAIFormat,
  bedrock: bedrockFormat,
  mistral: mistralFormat,
  cohere: cohereFormat,
  gemini: geminiFormat,
  vertex: vertexFormat,
};
