import { stripMarkers } from '../directives.ts';
import { embeddingVector, encodeBase64Float32 } from '../openai/embedding-vector.ts';
import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countWords } from '../text-generator.ts';
import { sendMistralValidationError, type ValidationItem } from './errors.ts';

/** Vector size without `output_dimension`: small, as in the OpenAI emulator. */
const DEFAULT_DIMENSIONS = 8;
const FIELDS: ReadonlySet<string> = new Set(['model', 'input', 'output_dimension', 'output_dtype', 'encoding_format', 'metadata']);

const field = (type: string, name: string, msg: string, input: unknown): ValidationItem => ({ type, loc: ['body', name], msg, input });

/**
 * `POST /v1/embeddings` as Mistral serves it: `input` a string or strings (no token arrays),
 * `output_dimension`, `encoding_format` float|base64; `usage.prompt_tokens` = Σ words per input.
 * https://docs.mistral.ai/api/#tag/embeddings
 */
export function handleMistralEmbeddings(ctx: RequestContext): void {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return sendMistralValidationError(ctx, [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary', input: body }]);
  }
  const b = body as Record<string, unknown>;
  const items: ValidationItem[] = [];
  for (const key of Object.keys(b)) if (!FIELDS.has(key)) items.push(field('extra_forbidden', key, 'Extra inputs are not permitted', b[key]));
  if (typeof b.model !== 'string' || b.model === '') items.push(field('missing', 'model', 'Field required', b));
  const inputs = typeof b.input === 'string' ? [b.input] : Array.isArray(b.input) && b.input.length > 0 && b.input.every((s) => typeof s === 'string') ? (b.input as string[]) : undefined;
  if (inputs === undefined) items.push(field('string_type', 'input', 'Input should be a valid string or a non-empty list of strings', b.input));
  const dims = b.output_dimension ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 8192) items.push(field('greater_than_equal', 'output_dimension', 'Input should be an integer between 1 and 8192', dims));
  const encoding = b.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') items.push(field('literal_error', 'encoding_format', "Input should be 'float' or 'base64'", encoding));
  if (items.length > 0 || inputs === undefined) return sendMistralValidationError(ctx, items);
  let tokens = 0;
  const data = inputs.map((text, index) => {
    const key = stripMarkers(text);
    tokens += countWords(key);
    const vector = embeddingVector(key, dims as number);
    return { object: 'embedding', embedding: encoding === 'base64' ? encodeBase64Float32(vector) : vector, index };
  });
  sendJson(ctx, 200, {
    id: ctx.entry.id.toString(16).padStart(32, '0'),
    object: 'list',
    data,
    model: b.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens, completion_tokens: 0, prompt_audio_seconds: null },
  });
}
