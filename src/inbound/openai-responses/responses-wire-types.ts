/**
 * The parts of the OpenAI Responses wire format this gateway emits, after the openai-node SDK types
 * (`src/resources/responses/responses.ts`: Response, ResponseOutputItem, ResponseUsage).
 * https://platform.openai.com/docs/api-reference/responses/object
 */
export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: never[];
  logprobs?: never[];
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface ResponsesMessageItem {
  type: 'message';
  id: string;
  status: ItemStatus;
  role: 'assistant';
  content: ResponsesOutputText[];
}

export interface ResponsesFunctionCallItem {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: ItemStatus;
}

/** Reasoning text is sent as a summary: that is what Responses clients display. */
export interface ResponsesReasoningItem {
  type: 'reasoning';
  id: string;
  summary: { type: 'summary_text'; text: string }[];
  encrypted_content?: string;
}

export type ResponsesOutputItem = ResponsesMessageItem | ResponsesFunctionCallItem | ResponsesReasoningItem;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export type ResponsesErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  background: false;
  error: { code: ResponsesErrorCode; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: null;
  reasoning: { effort: string | null; summary: string | null };
  store: false;
  temperature: number | null;
  text: { format: Record<string, unknown>; [key: string]: unknown };
  tool_choice: string | { type: 'function'; name: string };
  tools: ResponsesFunctionTool[];
  top_p: number | null;
  truncation: 'disabled';
  usage?: ResponsesUsage;
  user?: string;
  metadata: Record<string, unknown>;
  access_programs: null;
}

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description: string | null;
  parameters: Record<string, unknown>;
  strict: boolean | null;
}
