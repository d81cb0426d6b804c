import { stripMarkers } from '../directives.ts';
import { DEFAULT_EMBEDDING_DIMENSIONS } from '../openai/embeddings.ts';
import { embeddingVector } from '../openai/embedding-vector.ts';
import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countWords } from '../text-generator.ts';
import { sendGoogleError } from '../gemini/google-errors.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The instance text that may carry the `[emu ...]` marker: the last one containing it. */
export function predictMarkerText(body: unknown): string | undefined {
  const instances = isObject(body) ? body.instances : undefined;
  if (!Array.isArray(instances)) return undefined;
  for (let i = instances.length - 1; i >= 0; i--) {
    const content = isObject(instances[i]) ? instances[i].content : undefined;
    if (typeof content === 'string' && content.includes('[emu')) return content;
  }
  return undefined;
}

/**
 * `:predict` of a Vertex text-embedding model: `{instances: [{content, task_type?, title?}], parameters:
 * {outputDimensionality?}}` → `{predictions: [{embeddings: {values, statistics: {truncated, token_count}}}],
 * metadata: {billableCharacterCount}}`. `token_count` is the emulator's word count, so usage matches the
 * OpenAI emulator's for the same input. https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 */
export function handlePredictEmbeddings(ctx: RequestContext): void {
  const body = ctx.body;
  const instances = isObject(body) ? body.instances : undefined;
  if (!Array.isArray(instances) || instances.length === 0) {
    return sendGoogleError(ctx, 400, { message: 'Invalid request: instances must be a non-empty list.' });
  }
  const parameters = isObject(body) && isObject(body.parameters) ? body.parameters : {};
  const dims = parameters.outputDimensionality ?? DEFAULT_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 3072) {
    return sendGoogleError(ctx, 400, { message: 'Invalid request: outputDimensionality must be between 1 and 3072.' });
  }
  let characters = 0;
  const predictions = [];
  for (let i = 0; i < instances.length; i++) {
    const content = isObject(instances[i]) ? instances[i].content : undefined;
    if (typeof content !== 'string') return sendGoogleError(ctx, 400, { message: `Invalid request: instances[${i}].content must be a string.` });
    const text = stripMarkers(content);
    characters += text.length;
    predictions.push({ embeddings: { values: embeddingVector(text, dims as number), statistics: { truncated: false, token_count: countWords(text) } } });
  }
  sendJson(ctx, 200, { predictions, metadata: { billableCharacterCount: characters } });
}
