import { stripMarkers } from '../directives.ts';
import { DEFAULT_EMBEDDING_DIMENSIONS } from '../openai/embeddings.ts';
import { embeddingVector } from '../openai/embedding-vector.ts';
import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { sendGoogleError } from './google-errors.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function contentText(content: unknown): string | undefined {
  const parts = isObject(content) ? content.parts : undefined;
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const texts = parts.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : undefined));
  return texts.every((t) => t !== undefined) ? texts.join(' ') : undefined;
}

function requestsOf(body: unknown, batch: boolean): Obj[] | undefined {
  if (!isObject(body)) return undefined;
  if (!batch) return [body];
  return Array.isArray(body.requests) && body.requests.length > 0 && body.requests.every(isObject) ? (body.requests as Obj[]) : undefined;
}

/** The embedding input that may carry the `[emu ...]` marker: the last text containing one. */
export function embedMarkerText(body: unknown): string | undefined {
  const requests = requestsOf(body, isObject(body) && Array.isArray(body.requests));
  if (requests === undefined) return undefined;
  for (let i = requests.length - 1; i >= 0; i--) {
    const text = contentText(requests[i].content);
    if (text?.includes('[emu')) return text;
  }
  return undefined;
}

/**
 * `:batchEmbedContents` (`{requests: [{model, content, taskType?, outputDimensionality?}]}` →
 * `{embeddings: [{values}]}`) and `:embedContent` (one request → `{embedding: {values}}`). Vectors are the
 * OpenAI emulator's (same input, same vector; markers stripped; default 8 dimensions). Google reports no
 * token usage here. https://ai.google.dev/api/embeddings
 */
export function handleEmbedContents(ctx: RequestContext, model: string, batch: boolean): void {
  const requests = requestsOf(ctx.body, batch);
  if (requests === undefined) {
    sendGoogleError(ctx, 400, { message: batch ? '* BatchEmbedContentsRequest.requests: requests is not specified\n' : 'Invalid JSON payload received.' });
    return;
  }
  const vectors: number[][] = [];
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i];
    if (batch && r.model !== `models/${model}`) {
      sendGoogleError(ctx, 400, { message: `* BatchEmbedContentsRequest.model: Model names should match. The requests[${i}].model is ${String(r.model)}, but the model in the URL is models/${model}.\n` });
      return;
    }
    const text = contentText(r.content);
    if (text === undefined) {
      sendGoogleError(ctx, 400, { message: `* ${batch ? `BatchEmbedContentsRequest.requests[${i}].` : 'EmbedContentRequest.'}content: text parts are required\n` });
      return;
    }
    const dims = r.outputDimensionality ?? DEFAULT_EMBEDDING_DIMENSIONS;
    if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 3072) {
      sendGoogleError(ctx, 400, { message: '* outputDimensionality: must be between 1 and 3072.\n' });
      return;
    }
    vectors.push(embeddingVector(stripMarkers(text), dims as number));
  }
  sendJson(ctx, 200, batch ? { embeddings: vectors.map((values) => ({ values })) } : { embedding: { values: vectors[0] } });
}
