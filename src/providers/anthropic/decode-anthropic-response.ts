import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { JSON_OBJECT_TOOL_NAME } from './anthropic-json-output.ts';
import type { AnthropicUsage } from './anthropic-wire-types.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage } from './map-anthropic-usage.ts';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A `Message` object → canonical response. Blocks keep their order: `thinking` and `redacted_thinking`
 * become reasoning (signature / data kept verbatim for the next turn), `text` text, `tool_use` tool calls
 * with the input re-serialized as JSON text. Server-tool blocks have no canonical form and are skipped.
 * The emulated `json_object` tool's input becomes the text answer. https://docs.anthropic.com/en/api/messages
 */
export function decodeAnthropicResponse(json: unknown): CanonicalResponse {
  if (!isObject(json) || !Array.isArray(json.content)) {
    throw new UpstreamProtocolError('malformed', 'returned a body that is not an Anthropic Message (no content array)');
  }
  const content: AssistantPart[] = [];
  let realToolCalls = 0;
  let jsonAnswers = 0;
  for (const block of json.content) {
    if (!isObject(block)) throw new UpstreamProtocolError('malformed', 'returned a Message content block that is not an object');
    switch (block.type) {
      case 'text':
        content.push({ type: 'text', text: str(block.text) });
        break;
      case 'thinking': {
        const part: AssistantPart = { type: 'reasoning', text: str(block.thinking) };
        if (typeof block.signature === 'string') part.signature = block.signature;
        content.push(part);
        break;
      }
      case 'redacted_thinking':
        content.push({ type: 'reasoning', text: '', redactedData: str(block.data) });
        break;
      case 'tool_use': {
        const input = JSON.stringify(block.input ?? {});
        if (block.name === JSON_OBJECT_TOOL_NAME) {
          jsonAnswers++;
          content.push({ type: 'text', text: input });
        } else {
          realToolCalls++;
          content.push({ type: 'tool_call', id: str(block.id), name: str(block.name), arguments: input });
        }
        break;
      }
    }
  }
  const raw = typeof json.stop_reason === 'string' ? json.stop_reason : undefined;
  const jsonOnly = raw === 'tool_use' && jsonAnswers > 0 && realToolCalls === 0;
  const res: CanonicalResponse = {
    id: str(json.id),
    model: str(json.model),
    content,
    finishReason: jsonOnly ? 'stop' : mapAnthropicStopReason(raw),
    usage: mapAnthropicUsage(isObject(json.usage) ? (json.usage as AnthropicUsage) : {}),
  };
  const rawFinish = jsonOnly ? 'end_turn' : raw;
  if (rawFinish !== undefined) res.rawFinishReason = rawFinish;
  if (typeof json.stop_sequence === 'string') res.stopSequence = json.stop_sequence;
  return res;
}
