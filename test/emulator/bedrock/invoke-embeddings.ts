import { stripMarkers } from '../directives.ts';
import { embeddingVector } from '../openai/embedding-vector.ts';
import { DEFAULT_EMBEDDING_DIMENSIONS } from '../openai/embeddings.ts';
import type { RequestContext } from '../request-context.ts';
import { countWords } from '../text-generator.ts';
import { sendBedrockError } from './errors.ts';
import { parseModelPath } from './model-path.ts';
import { sendAwsJson } from './send-aws-json.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const TITAN_V2_DIMENSIONS = new Set([256, 512, 1024]);
const COHERE_INPUT_TYPES = new Set(['search_document', 'search_query', 'classification', 'clustering']);

/** The InvokeModel input that may carry the `[emu ...]` marker: Titan's inputText, else the last Cohere text with one. */
export function invokeMarkerText(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.inputText === 'string') return body.inputText;
  if (!Array.isArray(body.texts)) return undefined;
  for (let i = body.texts.length - 1; i >= 0; i--) if (typeof body.texts[i] === 'string' && (body.texts[i] as string).includes('[emu')) return body.texts[i] as string;
  return undefined;
}

const invalid = (ctx: RequestContext, message: string): void => sendBedrockError(ctx, 400, { message, code: 'ValidationException' });

/**
 * `POST /model/{modelId}/invoke` for the two embedding families: Titan Text Embeddings
 * (`{inputText, dimensions, normalize}` → `{embedding, inputTextTokenCount, embeddingsByType}`)
 * and Cohere Embed (`{texts, input_type}` → `{id, texts, embeddings, response_type}`). Vectors are
 * the OpenAI emulator's deterministic unit vectors (default 8 dimensions); token counts are words,
 * also reported in the `x-amzn-bedrock-input-token-count` header as InvokeModel does.
 */
export function handleInvokeEmbeddings(ctx: RequestContext): void {
  const { modelId } = parseModelPath(ctx.path)!;
  const body = ctx.body;
  if (!isObject(body)) return invalid(ctx, 'Malformed input request, please reformat your input and try again.');
  if (/(^|[./:])amazon\.titan-embed-/.test(modelId)) {
    if (typeof body.inputText !== 'string' || body.inputText === '') return invalid(ctx, 'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.');
    const dims = body.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
    if (body.dimensions !== undefined && !TITAN_V2_DIMENSIONS.has(body.dimensions as number)) {
      return invalid(ctx, 'Malformed input request: #/dimensions: must be one of 256, 512 or 1024, please reformat your input and try again.');
    }
    const text = stripMarkers(body.inputText);
    const embedding = embeddingVector(text, dims as number);
    const tokens = countWords(text);
    return sendAwsJson(ctx, 200, { embedding, inputTextTokenCount: tokens, embeddingsByType: { float: embedding } }, tokenHeaders(tokens));
  }
  if (/(^|[./:])cohere\.embed-/.test(modelId)) {
    const texts = body.texts;
    if (!Array.isArray(texts) || texts.length === 0 || texts.length > 96 || !texts.every((t) => typeof t === 'string')) {
      return invalid(ctx, 'Malformed input request: #/texts: expected an array of 1 to 96 strings, please reformat your input and try again.');
    }
    if (typeof body.input_type !== 'string' || !COHERE_INPUT_TYPES.has(body.input_type)) {
      return invalid(ctx, 'Malformed input request: #: required key [input_type] not found or invalid, please reformat your input and try again.');
    }
    const clean = (texts as string[]).map(stripMarkers);
    const tokens = clean.reduce((n, t) => n + countWords(t), 0);
    return sendAwsJson(ctx, 200, {
      id: `emu-${ctx.entry.id}`,
      texts: clean,
      embeddings: clean.map((t) => embeddingVector(t, DEFAULT_EMBEDDING_DIMENSIONS)),
      response_type: 'embeddings_floats',
    }, tokenHeaders(tokens));
  }
  invalid(ctx, `The emulator's InvokeModel speaks only the amazon.titan-embed-* and cohere.embed-* bodies, not ${modelId}.`);
}

function tokenHeaders(tokens: number): Record<string, string> {
  return { 'x-amzn-bedrock-input-token-count': String(tokens), 'x-amzn-bedrock-output-token-count': '0', 'x-amzn-bedrock-invocation-latency': '10' };
}
