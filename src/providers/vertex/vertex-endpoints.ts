import type { ProviderConfig } from '../../config/types.ts';
import { encodeResource, type GeminiMethod } from '../gemini/gemini-endpoints.ts';
import { pathSegment } from '../path-segment.ts';

/**
 * Vertex AI's regional endpoint, the base URL used when a `vertex` provider has no `base_url`;
 * the `global` location has no region prefix. https://cloud.google.com/vertex-ai/docs/general/locations
 */
export function vertexDefaultBaseUrl(region: string): string {
  return region === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${region}-aiplatform.googleapis.com/v1`;
}

/**
 * `/projects/{project}/locations/{region}/publishers/google/models/{model}:{method}`, relative to the base URL.
 * A model given as a full resource name (`projects/{p}/locations/{l}/endpoints/{e}`, e.g. a tuned endpoint, or
 * `projects/{p}/locations/{l}/publishers/{pub}/models/{m}`) is used as is, segment by segment; any other name,
 * slashes included, is one encoded segment, so a wildcard route's remainder cannot reshape the path.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference
 */
export function vertexModelPath(p: ProviderConfig, model: string, method: GeminiMethod): string {
  const query = method === 'streamGenerateContent' ? '?alt=sse' : '';
  if (isVertexResourceName(model)) return `/${encodeResource(model)}:${method}${query}`;
  if (!p.project || !p.region) throw new Error(`provider ${p.id} (vertex) needs "project" and "region" in its config`);
  const name = model.startsWith('publishers/google/models/') ? model.slice(25) : model;
  return `/projects/${encodeURIComponent(p.project)}/locations/${encodeURIComponent(p.region)}/publishers/google/models/${pathSegment(name)}:${method}${query}`;
}

/** `projects/{p}/locations/{l}/endpoints/{e}` or `projects/{p}/locations/{l}/publishers/{pub}/models/{m}`. */
function isVertexResourceName(model: string): boolean {
  if (!model.startsWith('projects/')) return false;
  const s = model.split('/');
  if (s[2] !== 'locations') return false;
  return (s.length === 6 && s[4] === 'endpoints') || (s.length === 8 && s[4] === 'publishers' && s[6] === 'models');
}
