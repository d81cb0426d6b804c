import type { ProviderConfig } from '../../config/types.ts';
import { pathSegment } from '../path-segment.ts';

/** The GA data-plane version used when the operator sets none. https://learn.microsoft.com/en-us/azure/ai-services/openai/api-version-lifecycle */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/**
 * `/deployments/{deployment}/{operation}?api-version=…`, relative to a base URL such as
 * `https://{resource}.openai.azure.com/openai`. Azure routes by deployment, not by model, so the
 * deployment comes from the provider's `deployments` map and defaults to the model name.
 * The deployment is one encoded path segment (`/` → `%2F`; `.`, `..` and empty refused).
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/reference
 */
export function azureDeploymentPath(p: ProviderConfig, model: string, operation: 'chat/completions' | 'embeddings'): string {
  const deployment = p.deployments?.[model] ?? model;
  return `/deployments/${pathSegment(deployment)}/${operation}?api-version=${encodeURIComponent(p.apiVersion ?? DEFAULT_AZURE_API_VERSION)}`;
}
