import type { CanonicalRequest, ToolChoice } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import type { UpstreamRequest } from '../provider-adapter.ts';
import { checkPathSegment } from '../path-segment.ts';
import { awsUriEncode } from './aws-uri-encode.ts';
import { ANSWER_TOKENS_AFTER_THINKING, additionalModelRequestFields, isAnthropicModel, thinkingBudget } from './bedrock-model-fields.ts';
import type { BedrockMessage, BedrockToolChoice, ConverseRequestBody } from './bedrock-wire-types.ts';
import { convertToBedrockMessages, convertToBedrockSystem } from './convert-to-bedrock-messages.ts';

/**
 * `/model/{modelId}/converse[-stream]`; the id is URI-encoded as a path label (`:` → `%3A`, an ARN's `/` → `%2F`),
 * so it is always one segment; `.`, `..` and empty ids are refused (400 `invalid_model_name`).
 */
export function bedrockModelPath(modelId: string, operation: 'converse' | 'converse-stream' | 'invoke'): string {
  checkPathSegment(modelId);
  return `/model/${awsUriEncode(modelId)}/${operation}`;
}

/**
 * Canonical request → Converse / ConverseStream call. Pure. What Converse cannot express is
 * documented in this folder's README.md: seed, penalties, `parallelToolCalls`, `user`,
 * `tool_choice: none` while the history holds tool calls, and `json_object` (400).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export function encodeBedrockConverseRequest(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest {
  const messages = convertToBedrockMessages(req.messages);
  const body: ConverseRequestBody = { messages };
  const system = convertToBedrockSystem(req.system);
  if (system.length > 0) body.system = system;
  const inference: NonNullable<ConverseRequestBody['inferenceConfig']> = {};
  if (req.maxOutputTokens !== undefined) inference.maxTokens = req.maxOutputTokens;
  if (req.temperature !== undefined) inference.temperature = req.temperature;
  if (req.topP !== undefined) inference.topP = req.topP;
  if (req.stopSequences !== undefined && req.stopSequences.length > 0) inference.stopSequences = req.stopSequences;
  const budget = isAnthropicModel(req.model) ? thinkingBudget(req.reasoning, req.maxOutputTokens) : undefined;
  if (budget !== undefined && inference.maxTokens === undefined) inference.maxTokens = budget + ANSWER_TOKENS_AFTER_THINKING;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  const toolConfig = encodeToolConfig(req, messages);
  if (toolConfig) body.toolConfig = toolConfig;
  const fields = additionalModelRequestFields(req);
  if (fields) body.additionalModelRequestFields = fields;
  const outputConfig = encodeOutputConfig(req);
  if (outputConfig) body.outputConfig = outputConfig;
  return {
    method: 'POST',
    path: bedrockModelPath(req.model, req.stream ? 'converse-stream' : 'converse'),
    headers: { ...p.headers, 'content-type': 'application/json', accept: req.stream ? 'application/vnd.amazon.eventstream' : 'application/json' },
    body: JSON.stringify(body),
  };
}

function encodeToolConfig(req: CanonicalRequest, messages: BedrockMessage[]): ConverseRequestBody['toolConfig'] {
  if (req.tools.length === 0) return undefined;
  const historyHasTools = messages.some((m) => m.content.some((b) => 'toolUse' in b || 'toolResult' in b));
  if (req.toolChoice?.type === 'none' && !historyHasTools) return undefined;
  const tools = req.tools.map((t) => ({
    toolSpec: { name: t.name, ...(t.description ? { description: t.description } : {}), inputSchema: { json: t.parameters } },
  }));
  const toolChoice = encodeToolChoice(req.toolChoice);
  return toolChoice ? { tools, toolChoice } : { tools };
}

function encodeToolChoice(choice: ToolChoice | undefined): BedrockToolChoice | undefined {
  switch (choice?.type) {
    case 'auto':
      return { auto: {} };
    case 'required':
      return { any: {} };
    case 'tool':
      return { tool: { name: choice.name } };
    default:
      return undefined;
  }
}

function encodeOutputConfig(req: CanonicalRequest): ConverseRequestBody['outputConfig'] {
  const f = req.responseFormat;
  if (!f || f.type === 'text') return undefined;
  if (f.type === 'json_object') {
    throw new HttpError(400, 'invalid_request_error', 'unsupported_parameter',
      'Bedrock Converse has no JSON mode without a schema; use response_format json_schema instead', { param: 'response_format' });
  }
  const jsonSchema = { schema: JSON.stringify(f.schema), ...(f.name ? { name: f.name } : {}), ...(f.description ? { description: f.description } : {}) };
  return { textFormat: { type: 'json_schema', structure: { jsonSchema } } };
}
