import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import type { BedrockTokenUsage, ConverseResponseBody } from './bedrock-wire-types.ts';
import { bedrockStopSequence, mapBedrockStopReason } from './map-bedrock-stop-reason.ts';
import { mapBedrockUsage } from './map-bedrock-usage.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const malformed = (what: string) => new UpstreamProtocolError('malformed', `sent a Converse response ${what}`);

/**
 * Converse response → canonical response, keeping block order. Converse carries neither a response
 * id nor the model name, so both are empty (the gateway uses its request id and the target model).
 * Citation blocks contribute their generated text; image and document blocks are skipped.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function decodeBedrockConverseResponse(json: unknown): CanonicalResponse {
  if (!isObject(json)) throw malformed('that is not a JSON object');
  const body = json as ConverseResponseBody;
  const content = body.output?.message?.content;
  if (!Array.isArray(content)) throw malformed('without output.message.content');
  if (typeof body.stopReason !== 'string') throw malformed('without a stopReason');
  const stopSequence = bedrockStopSequence(body.additionalModelResponseFields);
  return {
    id: '',
    model: '',
    content: content.flatMap(decodeBlock),
    finishReason: mapBedrockStopReason(body.stopReason),
    rawFinishReason: body.stopReason,
    ...(stopSequence !== undefined ? { stopSequence } : {}),
    usage: mapBedrockUsage(isObject(body.usage) ? (body.usage as BedrockTokenUsage) : undefined),
  };
}

function decodeBlock(block: unknown): AssistantPart[] {
  if (!isObject(block)) throw malformed('with a content block that is not an object');
  if (typeof block.text === 'string') return [{ type: 'text', text: block.text }];
  if (isObject(block.toolUse)) {
    const t = block.toolUse;
    if (typeof t.toolUseId !== 'string' || typeof t.name !== 'string') throw malformed('with a toolUse block missing toolUseId or name');
    return [{ type: 'tool_call', id: t.toolUseId, name: t.name, arguments: JSON.stringify(t.input ?? {}) }];
  }
  if (isObject(block.reasoningContent)) {
    const r = block.reasoningContent;
    if (typeof r.redactedContent === 'string') return [{ type: 'reasoning', text: '', redactedData: r.redactedContent }];
    const rt = r.reasoningText;
    if (isObject(rt) && typeof rt.text === 'string') {
      return [typeof rt.signature === 'string' ? { type: 'reasoning', text: rt.text, signature: rt.signature } : { type: 'reasoning', text: rt.text }];
    }
    throw malformed('with a reasoningContent block that has neither reasoningText nor redactedContent');
  }
  if (isObject(block.citationsContent) && Array.isArray(block.citationsContent.content)) {
    const text = block.citationsContent.content.map((c) => (isObject(c) && typeof c.text === 'string' ? c.text : '')).join('');
    return text === '' ? [] : [{ type: 'text', text }];
  }
  return [];
}
