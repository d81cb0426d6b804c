/**
 * The Gemini `generateContent` wire format, as far as the gateway reads or writes it. Shared by the
 * Gemini API (AI Studio) and Vertex AI, which speak the same request and response bodies.
 * https://ai.google.dev/api/generate-content , https://ai.google.dev/api/caching#Content
 */

/** One part of a turn. Exactly one data field is set; `thought` marks a thought summary. */
export interface GeminiPart {
  text?: string;
  /** True on thought-summary parts (only returned with `thinkingConfig.includeThoughts`). */
  thought?: boolean;
  /**
   * Opaque signature of the model's reasoning, on any part kind; must be sent back verbatim on the
   * part it came with. https://ai.google.dev/gemini-api/docs/thought-signatures
   */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** OpenAPI 3.0 schema subset Gemini accepts for function parameters and `responseSchema`. https://ai.google.dev/api/caching#Schema */
export type GeminiSchema = Record<string, unknown>;

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
}

export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  includeThoughts?: boolean;
}

/** https://ai.google.dev/api/generate-content#generationconfig */
export interface GeminiGenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  thinkingConfig?: GeminiThinkingConfig;
}

/** https://ai.google.dev/api/caching#FunctionCallingConfig */
export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
}

export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  safetySettings?: unknown;
  cachedContent?: string;
}

/**
 * Token counts. `promptTokenCount` includes `cachedContentTokenCount`; `thoughtsTokenCount` is
 * separate from `candidatesTokenCount`; `toolUsePromptTokenCount` (tool results Google fed the
 * model, e.g. search) is separate from the prompt. https://ai.google.dev/api/generate-content#UsageMetadata
 */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  toolUsePromptTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
}

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  index?: number;
}

/** A whole response, or one streamed fragment of it (same shape). https://ai.google.dev/api/generate-content#generatecontentresponse */
export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** Vertex only: RFC 3339 timestamp. */
  createTime?: string;
}

/** Google's error envelope (google.rpc.Status as JSON). https://ai.google.dev/gemini-api/docs/troubleshooting */
export interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: Array<Record<string, unknown>> };
}
