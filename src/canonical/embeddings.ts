import type { Usage } from './usage.ts';

/** Provider-neutral embeddings call. Token-array inputs only reach providers that accept them (OpenAI family). */
export interface CanonicalEmbeddingRequest {
  model: string;
  input: string[] | number[][];
  dimensions?: number;
  /** Retrieval hint some providers take (Cohere `input_type`, Gemini `taskType`). */
  inputType?: 'search_document' | 'search_query' | 'classification' | 'clustering';
  user?: string;
}

export interface CanonicalEmbeddingResponse {
  model: string;
  vectors: number[][];
  usage: Usage;
}
