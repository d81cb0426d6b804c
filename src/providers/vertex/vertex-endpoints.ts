import type { ProviderConfig } from '../../config/types.ts';
import { encodeResource, type GeminiMethod } from '../gemini/gemini-endpoints.ts';

/**
 * Vertex AI's regional endpoint, the base URL used when a `vertex` provider has no `base_url`;
 * the `global` location has no region prefix. https://cloud.google.com/vertex-ai/docs/general/locations
 */
export function vertexDefaultBaseUrl(region: string): string {
  return region === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${region}-aiplatform.googleapis.com/v1`;
}

/**
 * `/projects/{project}/locations/{region}/publishers/google/models/{model}:{method}`, relative to the base URL.
 * A model given as a full resource name (`projects/…`, e.g. a tuned endpoint) is used as is.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference
 */
export function vertexModelPath(p: ProviderConfig, model: string, method: GeminiMethod): string {
  const query = method === 'streamGenerateContent' ? '?alt=sse' : '';
  if (model.startsWith('projects/')) return `/${encodeResource(model)}:${method}${query}`;
  if (!p.project || !p.region) throw new Error(`provider ${p.id} (vertex) needs "project" and "region" in its config`);
  const name = model.startsWith('publishers/google/models/') ? model.slice(25) : model;
  return `/projects/${encodeURIComponent(p.project)}/locations/${encodeURIComponent(p.region)}/publishers/google/models/${encodeURIComponent(name)}:${method}${query}`;
}
