import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { emptyUsage } from '../../canonical/usage.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { GeminiToolCallIds, randomResponseId } from './gemini-tool-call-ids.ts';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-wire-types.ts';
import { mapGeminiFinishReason, promptBlockFinish } from './map-gemini-finish-reason.ts';
import { mapGeminiUsage } from './map-gemini-usage.ts';

/**
 * A non-streaming `GenerateContentResponse` → canonical. Only the first candidate is read (the gateway
 * never asks for more). Parts keep their order: `thought: true` text → reasoning (with its signature),
 * text → text, `functionCall` → a tool call (args re-serialized as JSON text). A signature on a
 * non-thought part becomes a text-less reasoning part right before it, so it survives a client round trip
 * and is put back on that part (see `convertToGeminiContents`). Inline data, code execution and other
 * server-side parts have no canonical form and are skipped.
 * https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function decodeGeminiResponse(json: unknown): CanonicalResponse {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new UpstreamProtocolError('malformed', 'answered with a body that is not a GenerateContentResponse object');
  }
  const r = json as GeminiGenerateContentResponse;
  if (r.candidates !== undefined && !Array.isArray(r.candidates)) {
    throw new UpstreamProtocolError('malformed', 'answered with "candidates" that is not an array');
  }
  const ids = new GeminiToolCallIds();
  const responseId = typeof r.responseId === 'string' ? r.responseId : undefined;
  const candidate = r.candidates?.[0];
  const content: AssistantPart[] = [];
  const parts = candidate?.content?.parts;
  if (Array.isArray(parts)) for (const part of parts) appendPart(content, part, ids, responseId);
  const usage = r.usageMetadata ? mapGeminiUsage(r.usageMetadata) : emptyUsage();
  const out: CanonicalResponse = {
    id: responseId ?? randomResponseId(),
    model: typeof r.modelVersion === 'string' ? r.modelVersion : '',
    content,
    finishReason: 'stop',
    usage,
  };
  const created = r.createTime ? Date.parse(r.createTime) : Number.NaN;
  if (!Number.isNaN(created)) out.created = Math.floor(created / 1000);
  const blockReason = r.promptFeedback?.blockReason;
  if (candidate === undefined && typeof blockReason === 'string') return { ...out, ...promptBlockFinish(blockReason) };
  if (candidate === undefined) throw new UpstreamProtocolError('malformed', 'answered with no candidates and no prompt block reason');
  const raw = typeof candidate.finishReason === 'string' ? candidate.finishReason : 'STOP';
  out.finishReason = mapGeminiFinishReason(raw, content.some((p) => p.type === 'tool_call'));
  out.rawFinishReason = raw;
  return out;
}

function appendPart(content: AssistantPart[], part: GeminiPart, ids: GeminiToolCallIds, responseId: string | undefined): void {
  if (part === null || typeof part !== 'object') return;
  const signature = typeof part.thoughtSignature === 'string' && part.thoughtSignature !== '' ? part.thoughtSignature : undefined;
  if (part.thought === true) {
    content.push({ type: 'reasoning', text: typeof part.text === 'string' ? part.text : '', ...(signature !== undefined ? { signature } : {}) });
    return;
  }
  if (signature !== undefined) content.push({ type: 'reasoning', text: '', signature });
  if (typeof part.text === 'string') {
    if (part.text !== '') content.push({ type: 'text', text: part.text });
    return;
  }
  const call = part.functionCall;
  if (call !== undefined && call !== null && typeof call.name === 'string') {
    content.push({ type: 'tool_call', id: ids.next(responseId, call.id), name: call.name, arguments: JSON.stringify(call.args ?? {}) });
  }
}
