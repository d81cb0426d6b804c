import { pathSegment } from '../path-segment.ts';

/** Used when a `gemini` provider has no `base_url`. https://ai.google.dev/api/generate-content */
export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/** The Gemini methods the gateway calls, appended to a model's resource path after a colon. */
export type GeminiMethod = 'generateContent' | 'streamGenerateContent' | 'batchEmbedContents' | 'predict' | 'countTokens';

/**
 * `/models/{model}:{method}` for the Gemini API. A model given as `models/x` is not doubled; a tuned model
 * (`tunedModels/x`) keeps its own collection. The id after the collection is one path segment, so a `/`
 * in it (from a wildcard route) is encoded and cannot reach another resource. Streaming asks for SSE
 * framing (`alt=sse`); without it Google streams one JSON array.
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function geminiModelPath(model: string, method: GeminiMethod): string {
  const resource = model.startsWith('tunedModels/')
    ? `tunedModels/${pathSegment(model.slice(12))}`
    : `models/${pathSegment(model.startsWith('models/') ? model.slice(7) : model)}`;
  return `/${resource}:${method}${method === 'streamGenerateContent' ? '?alt=sse' : ''}`;
}

/**
 * Percent-encodes each segment of a resource name, keeping its slashes.
 * @throws HttpError 400 `invalid_model_name` when a segment is empty, `.` or `..`.
 */
export function encodeResource(resource: string): string {
  return resource.split('/').map(pathSegment).join('/');
}
