import type { CanonicalEmbeddingRequest } from '../../canonical/embeddings.ts';

const TASK_TYPES: Record<NonNullable<CanonicalEmbeddingRequest['inputType']>, string> = {
  search_document: 'RETRIEVAL_DOCUMENT',
  search_query: 'RETRIEVAL_QUERY',
  classification: 'CLASSIFICATION',
  clustering: 'CLUSTERING',
};

/** Canonical `inputType` → Google's embedding `taskType` (Gemini API and Vertex). https://ai.google.dev/api/embeddings#tasktype */
export function embeddingTaskType(inputType: CanonicalEmbeddingRequest['inputType']): string | undefined {
  return inputType === undefined ? undefined : TASK_TYPES[inputType];
}
