import { stripMarkers } from '../directives.ts';
import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countWords } from '../text-generator.ts';
import { embeddingVector, encodeBase64Float32 } from './embedding-vector.ts';
import { sendOpenAIError } from './errors.ts';

/** Vector size when the request has no `dimensions`: small so tests and benchmarks stay cheap. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

type InputItem = { text: string } | { tokens: readonly number[] };

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => Number.isInteger(v));
}

/** `input` as a list of items; undefined when its shape is not one OpenAI accepts. */
function inputItems(input: unknown): InputItem[] | undefined {
  if (typeof input === 'string') return input === '' ? undefined : [{ text: input }];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((v) => typeof v === 'string' && v !== '')) return input.map((text: string) => ({ text }));
  if (isTokenArray(input)) return [{ tokens: input }];
  if (input.every(isTokenArray)) return input.map((tokens: number[]) => ({ tokens }));
  return undefined;
}

/** The input string that may carry the `[emu ...]` marker: the last one containing it. */
export function embeddingsMarkerText(body: unknown): string | undefined {
  const input = body !== null && typeof body === 'object' ? (body as { input?: unknown }).input : undefined;
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return undefined;
  for (let i = input.length - 1; i >= 0; i--) {
    if (typeof input[i] === 'string' && (input[i] as string).includes('[emu')) return input[i] as string;
  }
  return undefined;
}

function invalid(ctx: RequestContext, detail: ErrorDetail): void {
  sendOpenAIError(ctx, 400, detail);
}

/**
 * `POST /v1/embeddings`: deterministic unit vectors per input (markers stripped);
 * prompt tokens are words per string input or the length of each token array.
 */
export function handleEmbeddings(ctx: RequestContext): void {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (body === undefined || body === null || typeof body !== 'object') {
    return invalid(ctx, { message: 'Invalid type for request body: expected an object.', code: 'invalid_type' });
  }
  if (typeof body.model !== 'string' || body.model === '') return invalid(ctx, { message: 'you must provide a model parameter' });
  if (body.input === undefined || body.input === null) {
    return invalid(ctx, { message: "Missing required parameter: 'input'.", param: 'input', code: 'missing_required_parameter' });
  }
  const items = inputItems(body.input);
  if (items === undefined) {
    return invalid(ctx, { message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", param: 'input', code: 'invalid_value' });
  }
  const dims = body.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 8192) {
    return invalid(ctx, { message: "Invalid 'dimensions': expected an integer between 1 and 8192.", param: 'dimensions', code: 'invalid_value' });
  }
  const encoding = body.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    return invalid(ctx, { message: "Invalid 'encoding_format': expected 'float' or 'base64'.", param: 'encoding_format', code: 'invalid_value' });
  }
  let promptTokens = 0;
  const data = items.map((item, index) => {
    let key: string;
    if ('text' in item) {
      key = stripMarkers(item.text);
      promptTokens += countWords(key);
    } else {
      key = `tokens:${item.tokens.join(',')}`;
      promptTokens += item.tokens.length;
    }
    const vector = embeddingVector(key, dims as number);
    return { object: 'embedding', index, embedding: encoding === 'base64' ? encodeBase64Float32(vector) : vector };
  });
  sendJson(ctx, 200, {
    object: 'list',
    data,
    model: body.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}
