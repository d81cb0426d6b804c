/** A loose view of the Google JSON bodies tests read (responses, fragments, errors, embeddings). */
export interface GoogleTestBody {
  candidates: Array<{
    content: { role: string; parts: Array<{ text?: string; thought?: boolean; thoughtSignature?: string; functionCall?: { name: string; args: Record<string, unknown> } }> };
    finishReason?: string;
    index: number;
  }>;
  usageMetadata: Record<string, unknown> & { promptTokenCount: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; trafficType?: string };
  modelVersion: string;
  responseId: string;
  createTime?: string;
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
  metadata?: Record<string, unknown>;
}

/** Reads a response body as a Google JSON body (tests assert its shape themselves). */
export async function googleBody(res: Response): Promise<GoogleTestBody> {
  return (await res.json()) as GoogleTestBody;
}
