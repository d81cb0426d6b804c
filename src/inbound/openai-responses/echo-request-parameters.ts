import type { CanonicalRequest, ResponseFormat, ToolChoice } from '../../canonical/request.ts';
import { isObject } from './read-request-fields.ts';
import type { ResponseObject, ResponsesFunctionTool } from './responses-wire-types.ts';

type EchoedFields = Pick<
  ResponseObject,
  'instructions' | 'max_output_tokens' | 'parallel_tool_calls' | 'reasoning' | 'temperature' | 'text' | 'tool_choice' | 'tools' | 'top_p' | 'metadata'
> & { user?: string };

/**
 * Every Response object repeats the request's parameters (tools, tool_choice, sampling, text format…).
 * Without the request they take the API's documented defaults.
 * https://platform.openai.com/docs/api-reference/responses/object
 */
export function echoRequestParameters(req: CanonicalRequest | undefined): EchoedFields {
  const ext = req?.extensions?.openaiResponses ?? {};
  const extReasoning = isObject(ext.reasoning) ? ext.reasoning : {};
  const extText = isObject(ext.text) ? ext.text : {};
  const out: EchoedFields = {
    instructions: req && req.system.length > 0 ? req.system.map((p) => p.text).join('\n\n') : null,
    max_output_tokens: req?.maxOutputTokens ?? null,
    parallel_tool_calls: req?.parallelToolCalls ?? true,
    reasoning: {
      effort: typeof extReasoning.effort === 'string' ? extReasoning.effort : (req?.reasoning?.effort ?? null),
      summary: typeof extReasoning.summary === 'string' ? extReasoning.summary : null,
    },
    temperature: req?.temperature ?? null,
    text: { ...extText, format: encodeTextFormat(req?.responseFormat) },
    tool_choice: encodeToolChoice(req?.toolChoice),
    tools: (req?.tools ?? []).map(
      (t): ResponsesFunctionTool => ({ type: 'function', name: t.name, description: t.description ?? null, parameters: t.parameters, strict: t.strict ?? null }),
    ),
    top_p: req?.topP ?? null,
    metadata: isObject(ext.metadata) ? ext.metadata : {},
  };
  if (req?.user !== undefined) out.user = req.user;
  return out;
}

function encodeTextFormat(f: ResponseFormat | undefined): Record<string, unknown> {
  if (!f || f.type !== 'json_schema') return { type: f?.type ?? 'text' };
  const out: Record<string, unknown> = { type: 'json_schema', name: f.name, schema: f.schema };
  if (f.description !== undefined) out.description = f.description;
  out.strict = f.strict ?? null;
  return out;
}

function encodeToolChoice(c: ToolChoice | undefined): ResponseObject['tool_choice'] {
  if (!c) return 'auto';
  return c.type === 'tool' ? { type: 'function', name: c.name } : c.type;
}
