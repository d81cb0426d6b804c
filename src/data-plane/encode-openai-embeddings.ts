import type { CanonicalEmbeddingResponse } from '../canonical/embeddings.ts';
import { totalInputTokens } from '../canonical/usage.ts';

/**
 * A canonical embeddings result in OpenAI's response shape; `base64` packs each vector as
 * little-endian float32, as OpenAI does for `encoding_format: "base64"`.
 * https://platform.openai.com/docs/api-reference/embeddings/object
 */
export function encodeOpenAIEmbeddings(r: CanonicalEmbeddingResponse, publicModel: string, format: 'float' | 'base64'): string {
  const tokens = totalInputTokens(r.usage);
  return JSON.stringify({
    object: 'list',
    data: r.vectors.map((v, index) => ({ object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v })),
    model: publicModel,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
