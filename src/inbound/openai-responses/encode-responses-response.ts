import type { CanonicalResponse } from '../../canonical/response.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { buildResponseObject } from './build-response-object.ts';
import { mapFinishToResponseStatus } from './map-finish-to-response-status.ts';
import { functionCallItem, messageItem, outputItemId, reasoningItem } from './responses-output-items.ts';
import type { ResponseObject, ResponsesOutputItem } from './responses-wire-types.ts';

/**
 * A canonical response as a Response object. Content keeps its order: each reasoning part becomes a
 * `reasoning` item, each text part a `message` item, each tool call a `function_call` item. When the
 * response is incomplete, its last item is marked `incomplete`.
 */
export function encodeResponsesResponse(res: CanonicalResponse, ctx: EncodeContext): ResponseObject {
  const outcome = mapFinishToResponseStatus(res.finishReason);
  const last = res.content.length - 1;
  const output = res.content.map((part, i): ResponsesOutputItem => {
    const status = outcome.status === 'incomplete' && i === last ? 'incomplete' : 'completed';
    switch (part.type) {
      case 'reasoning':
        return reasoningItem(outputItemId('rs', ctx.requestId, i), part);
      case 'tool_call':
        return functionCallItem(outputItemId('fc', ctx.requestId, i), part.id || outputItemId('call', ctx.requestId, i), part.name, part.arguments, status);
      default:
        return messageItem(outputItemId('msg', ctx.requestId, i), part.text, status);
    }
  });
  return buildResponseObject(ctx, outcome, output, res.usage);
}
