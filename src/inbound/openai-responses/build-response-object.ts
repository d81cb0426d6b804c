import type { Usage } from '../../canonical/usage.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { echoRequestParameters } from './echo-request-parameters.ts';
import type { ResponseOutcome } from './map-finish-to-response-status.ts';
import { mapResponsesUsage } from './map-responses-usage.ts';
import { responseId } from './responses-output-items.ts';
import type { ResponseObject, ResponsesOutputItem } from './responses-wire-types.ts';

/**
 * A whole Response object: the body of a non-streaming answer and the `response` carried by the
 * lifecycle stream events (`response.created`, `response.completed`…). `output_text` is left out:
 * it is an SDK convenience, not a wire field.
 * https://platform.openai.com/docs/api-reference/responses/object
 */
export function buildResponseObject(ctx: EncodeContext, outcome: ResponseOutcome, output: ResponsesOutputItem[], usage?: Usage): ResponseObject {
  const echoed = echoRequestParameters(ctx.request);
  const res: ResponseObject = {
    id: responseId(ctx.requestId),
    object: 'response',
    created_at: ctx.createdAt,
    status: outcome.status,
    background: false,
    error: outcome.error,
    incomplete_details: outcome.incomplete_details,
    instructions: echoed.instructions,
    max_output_tokens: echoed.max_output_tokens,
    model: ctx.publicModel,
    output,
    parallel_tool_calls: echoed.parallel_tool_calls,
    previous_response_id: null,
    reasoning: echoed.reasoning,
    store: false,
    temperature: echoed.temperature,
    text: echoed.text,
    tool_choice: echoed.tool_choice,
    tools: echoed.tools,
    top_p: echoed.top_p,
    truncation: 'disabled',
    metadata: echoed.metadata,
    access_programs: null,
  };
  if (usage) res.usage = mapResponsesUsage(usage);
  if (echoed.user !== undefined) res.user = echoed.user;
  return res;
}
