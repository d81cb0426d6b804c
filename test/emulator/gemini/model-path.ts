/** A model method call parsed from a URL path, e.g. `/v1beta/models/gemini-2.5-flash:generateContent`. */
export interface ModelCall {
  model: string;
  method: string;
}

const VERSIONS = ['/v1beta/', '/v1/', '/v1alpha/'];
const COLLECTIONS = ['models/', 'tunedModels/'];

/** Parses `/{version}/models/{model}:{method}` (Gemini API); undefined for any other path. */
export function parseGeminiModelPath(path: string): ModelCall | undefined {
  const version = VERSIONS.find((v) => path.startsWith(v));
  if (version === undefined) return undefined;
  const rest = path.slice(version.length);
  const collection = COLLECTIONS.find((c) => rest.startsWith(c));
  if (collection === undefined) return undefined;
  return splitMethod(rest.slice(collection.length));
}

/** Splits `{model}:{method}`; the model is URL-decoded. */
export function splitMethod(resource: string): ModelCall | undefined {
  const colon = resource.lastIndexOf(':');
  if (colon <= 0 || colon === resource.length - 1 || resource.slice(0, colon).includes('/')) return undefined;
  try {
    return { model: decodeURIComponent(resource.slice(0, colon)), method: resource.slice(colon + 1) };
  } catch {
    return undefined;
  }
}
