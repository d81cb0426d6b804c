/**
 * The Bedrock Converse / ConverseStream JSON shapes this adapter writes and reads (restJson1: blobs
 * such as image bytes and redacted reasoning travel as base64 strings). Field names follow the
 * service model as published in aws-sdk-js-v3 `client-bedrock-runtime`.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export interface ConverseRequestBody {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
  outputConfig?: { textFormat: { type: 'json_schema'; structure: { jsonSchema: { schema: string; name?: string; description?: string } } } };
}

export type BedrockSystemBlock = { text: string } | { cachePoint: { type: 'default' } };

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: BedrockImageFormat; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: BedrockToolResultContent[]; status?: 'success' | 'error' } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string } }
  | { cachePoint: { type: 'default' } };

export type BedrockToolResultContent = { text: string } | { json: unknown } | { image: { format: BedrockImageFormat; source: { bytes: string } } };

export interface BedrockTool {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type BedrockToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

/** `TokenUsage`: `inputTokens` excludes cache reads and writes (see map-bedrock-usage.ts). */
export interface BedrockTokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface ConverseResponseBody {
  output?: { message?: { role?: string; content?: unknown[] } };
  stopReason?: string;
  usage?: BedrockTokenUsage;
  metrics?: { latencyMs?: number };
  additionalModelResponseFields?: Record<string, unknown>;
}
