import { generatePromptTokens, lastUserContentText } from '../gemini/content-text.ts';
import { countTokensMarkerText, handleCountTokens } from '../gemini/count-tokens.ts';
import { handleGenerateContent } from '../gemini/generate-content.ts';
import { GOOGLE_BAD_JSON, googleContextLengthMessage, sendGoogleError } from '../gemini/google-errors.ts';
import { splitMethod, type ModelCall } from '../gemini/model-path.ts';
import type { RequestContext, Route, WireFormat } from '../request-context.ts';
import type { EmulatorOptions } from '../server.ts';
import { predictMarkerText, handlePredictEmbeddings } from './predict-embeddings.ts';
import { handleTokenRequest, oauthFormat, tokenEndpointOptions } from './token-endpoint.ts';

/** Vertex AI data endpoints take an OAuth access token (`Authorization: Bearer`) and answer in Google's error envelope. */
export const vertexFormat: WireFormat = {
  name: 'vertex',
  badJson: GOOGLE_BAD_JSON,
  isAuthorized: (req, accessToken) => req.headers.authorization === `Bearer ${accessToken}`,
  sendError: sendGoogleError,
  unservedPath: () => ({ code: 'NOT_FOUND' }),
  contextLengthMessage: (_ctx, promptTokens, limit) => googleContextLengthMessage(promptTokens, limit),
};

const VERSIONS = ['/v1/', '/v1beta1/'];
const PUBLISHER_MODELS = '/publishers/google/models/';

/** Parses `/{v1|v1beta1}/projects/{p}/locations/{l}/publishers/google/models/{model}:{method}`. */
export function parseVertexModelPath(path: string): ModelCall | undefined {
  const version = VERSIONS.find((v) => path.startsWith(v));
  if (version === undefined) return undefined;
  const segments = path.slice(version.length).split('/');
  if (segments.length !== 8 || segments[0] !== 'projects' || segments[2] !== 'locations' || !segments[1] || !segments[3]) return undefined;
  if (`/${segments.slice(4, 7).join('/')}/` !== PUBLISHER_MODELS) return undefined;
  return splitMethod(segments[7]);
}

const isMethod = (method: string) => (path: string): boolean => parseVertexModelPath(path)?.method === method;
const modelOf = (ctx: RequestContext): string => parseVertexModelPath(ctx.path)!.model;

/**
 * The Vertex AI routes for one emulator: `generateContent`, `streamGenerateContent`, `predict` (text
 * embeddings) under the publisher-model path, and the OAuth token endpoint `POST /token`, which checks
 * service-account assertions against `gcpPublicKeyPem` and issues `apiKey` (or a fixed token) as the access
 * token the data endpoints then require (when `apiKey` is set, as with every emulated provider).
 */
export function vertexRoutes(opts: EmulatorOptions): readonly Route[] {
  const token = tokenEndpointOptions(opts.gcpPublicKeyPem, opts.apiKey);
  return [
    { method: 'POST', path: '/token', format: oauthFormat, handle: (ctx) => handleTokenRequest(ctx, token) },
    { method: 'POST', path: isMethod('generateContent'), format: vertexFormat, markerText: lastUserContentText, promptTokens: generatePromptTokens, handle: (ctx) => handleGenerateContent(ctx, modelOf(ctx), false, 'vertex') },
    { method: 'POST', path: isMethod('streamGenerateContent'), format: vertexFormat, markerText: lastUserContentText, promptTokens: generatePromptTokens, handle: (ctx) => handleGenerateContent(ctx, modelOf(ctx), true, 'vertex') },
    { method: 'POST', path: isMethod('predict'), format: vertexFormat, markerText: predictMarkerText, handle: handlePredictEmbeddings },
    { method: 'POST', path: isMethod('countTokens'), format: vertexFormat, markerText: countTokensMarkerText, handle: (ctx) => handleCountTokens(ctx, 'vertex') },
  ];
}
