import type { CanonicalRequest, ReasoningConfig, ToolChoice } from '../../canonical/request.ts';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.ts';
import { convertToGeminiContents } from './convert-to-gemini-contents.ts';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig, GeminiThinkingConfig, GeminiToolConfig } from './gemini-wire-types.ts';

/**
 * Thinking budgets for OpenAI-style efforts. Every value is inside the range all Gemini 2.5+ models
 * accept (Pro: 128–32768, Flash: 0–24576, Flash-Lite: 512–24576).
 * https://ai.google.dev/gemini-api/docs/thinking#set-budget
 */
export const THINKING_BUDGET_FOR_EFFORT: Readonly<Record<NonNullable<ReasoningConfig['effort']>, number>> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};

const GEMINI_MAJOR = /(?:^|\/)gemini-(\d+)/;

/** Gemini 3 and later enforce thought signatures on replayed function calls. */
export function requiresFunctionCallSignatures(model: string): boolean {
  const m = GEMINI_MAJOR.exec(model);
  return m !== null && Number(m[1]) >= 3;
}

/**
 * The `generateContent` / `streamGenerateContent` body for a canonical request (Gemini API and Vertex).
 * Not sent, because Gemini has no equivalent: `parallelToolCalls`, `user`, a tool's `strict`, and the
 * name/description/strict of a JSON-schema response format. `extensions.gemini.safetySettings` and
 * `.cachedContent` are passed through. https://ai.google.dev/api/generate-content#request-body
 */
export function encodeGeminiGenerateRequest(req: CanonicalRequest): GeminiGenerateContentRequest {
  const body: GeminiGenerateContentRequest = {
    contents: convertToGeminiContents(req.messages, { requiresFunctionCallSignatures: requiresFunctionCallSignatures(req.model) }),
  };
  if (req.system.length > 0) body.systemInstruction = { parts: req.system.map((p) => ({ text: p.text })) };
  if (req.tools.length > 0) {
    body.tools = [{
      functionDeclarations: req.tools.map((t) => {
        const parameters = convertJsonSchemaToGeminiSchema(t.parameters);
        return {
          name: t.name,
          ...(t.description !== undefined ? { description: t.description } : {}),
          ...(parameters !== undefined ? { parameters } : {}),
        };
      }),
    }];
    if (req.toolChoice !== undefined) body.toolConfig = toolConfig(req.toolChoice);
  }
  const generationConfig = encodeGenerationConfig(req);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  const ext = req.extensions?.gemini;
  if (ext?.safetySettings !== undefined) body.safetySettings = ext.safetySettings;
  if (typeof ext?.cachedContent === 'string') body.cachedContent = ext.cachedContent;
  return body;
}

/** https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes */
function toolConfig(choice: ToolChoice): GeminiToolConfig {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  }
}

function encodeGenerationConfig(req: CanonicalRequest): GeminiGenerationConfig | undefined {
  const c: GeminiGenerationConfig = {};
  if (req.maxOutputTokens !== undefined) c.maxOutputTokens = req.maxOutputTokens;
  if (req.temperature !== undefined) c.temperature = req.temperature;
  if (req.topP !== undefined) c.topP = req.topP;
  if (req.topK !== undefined) c.topK = req.topK;
  if (req.stopSequences !== undefined && req.stopSequences.length > 0) c.stopSequences = req.stopSequences;
  if (req.seed !== undefined) c.seed = req.seed;
  if (req.presencePenalty !== undefined) c.presencePenalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) c.frequencyPenalty = req.frequencyPenalty;
  const format = req.responseFormat;
  if (format?.type === 'json_object') c.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    c.responseMimeType = 'application/json';
    const schema = convertJsonSchemaToGeminiSchema(format.schema);
    if (schema !== undefined) c.responseSchema = schema;
  }
  const thinking = thinkingConfig(req.reasoning);
  if (thinking !== undefined) c.thinkingConfig = thinking;
  return Object.keys(c).length > 0 ? c : undefined;
}

/** A canonical reasoning request asks for a budget (tokens win over effort) and for thought summaries. https://ai.google.dev/gemini-api/docs/thinking */
function thinkingConfig(r: ReasoningConfig | undefined): GeminiThinkingConfig | undefined {
  if (r === undefined) return undefined;
  const budget = r.budgetTokens ?? (r.effort !== undefined ? THINKING_BUDGET_FOR_EFFORT[r.effort] : undefined);
  return budget !== undefined ? { thinkingBudget: budget, includeThoughts: true } : { includeThoughts: true };
}
