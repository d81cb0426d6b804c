import { stripMarkers } from '../directives.ts';
import { embeddingVector } from '../openai/embedding-vector.ts';
import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countWords } from '../text-generator.ts';
import { cohereRequestUuid, sendCohereError } from './errors.ts';

const DEFAULT_DIMENSIONS = 8;
const INPUT_TYPES: ReadonlySet<string> = new Set(['search_document', 'search_query', 'classification', 'clustering', 'image']);
const FIELDS: ReadonlySet<string> = new Set(['model', 'texts', 'images', 'inputs', 'input_type', 'embedding_types', 'output_dimension', 'max_tokens', 'truncate', 'priority']);

/** The text that may carry `[emu ...]`: the last of `texts` containing a marker. */
export function embedMarkerText(body: unknown): string | undefined {
  const texts = body !== null && typeof body === 'object' ? (body as { texts?: unknown }).texts : undefined;
  if (!Array.isArray(texts)) return undefined;
  for (let i = texts.length - 1; i >= 0; i--) if (typeof texts[i] === 'string' && (texts[i] as string).includes('[emu')) return texts[i] as string;
  return undefined;
}

/**
 * `POST /v2/embed`: `texts` (1–96 strings), `input_type` (required, as for Embed v3 and newer models),
 * `embedding_types` of `float` only, `output_dimension` (default 8 here). `meta.billed_units.input_tokens`
 * = Σ words per text. https://docs.cohere.com/reference/embed
 */
export function handleCohereEmbed(ctx: RequestContext): void {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendCohereError(ctx, 400, { message: 'invalid request: body must be a JSON object' });
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) return sendCohereError(ctx, 400, { message: `invalid request: unknown field: parameter ${unknown} is not a valid field` });
  if (typeof b.model !== 'string' || b.model === '') return sendCohereError(ctx, 400, { message: 'invalid request: model must be specified' });
  const texts = b.texts;
  if (!Array.isArray(texts) || texts.length === 0 || texts.length > 96 || !texts.every((t) => typeof t === 'string')) {
    return sendCohereError(ctx, 400, { message: 'invalid request: texts must be a list of 1 to 96 strings' });
  }
  if (typeof b.input_type !== 'string' || !INPUT_TYPES.has(b.input_type)) {
    return sendCohereError(ctx, 400, { message: 'invalid request: valid input_type must be provided with the provided model' });
  }
  const types = b.embedding_types ?? ['float'];
  if (!Array.isArray(types) || types.length !== 1 || types[0] !== 'float') return sendCohereError(ctx, 400, { message: "invalid request: the emulator supports embedding_types ['float'] only" });
  const dims = b.output_dimension ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 8192) return sendCohereError(ctx, 400, { message: 'invalid request: output_dimension must be a positive integer' });
  let tokens = 0;
  const float = (texts as string[]).map((text) => {
    const key = stripMarkers(text);
    tokens += countWords(key);
    return embeddingVector(key, dims as number);
  });
  sendJson(ctx, 200, {
    id: cohereRequestUuid(ctx.entry.id),
    texts,
    embeddings: { float },
    meta: { api_version: { version: '2' }, billed_units: { input_tokens: tokens } },
    response_type: 'embeddings_by_type',
  });
}
