import type { ReasoningPart } from '../../canonical/request.ts';
import { toEncryptedContent } from './reasoning-encrypted-content.ts';
import type { ItemStatus, ResponsesFunctionCallItem, ResponsesMessageItem, ResponsesReasoningItem } from './responses-wire-types.ts';

/**
 * Ids of a response and its output items. They derive from the gateway's request id and the item's
 * position, so encoding is pure and every item id is unique within its response.
 */
export function responseId(requestId: string): string {
  return `resp_${compactId(requestId)}`;
}

export function outputItemId(prefix: 'msg' | 'fc' | 'rs' | 'call', requestId: string, outputIndex: number): string {
  return `${prefix}_${compactId(requestId)}_${outputIndex}`;
}

function compactId(requestId: string): string {
  return requestId.replaceAll('-', '');
}

export function messageItem(id: string, text: string | undefined, status: ItemStatus): ResponsesMessageItem {
  return { type: 'message', id, status, role: 'assistant', content: text === undefined ? [] : [{ type: 'output_text', text, annotations: [] }] };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: ItemStatus): ResponsesFunctionCallItem {
  return { type: 'function_call', id, call_id: callId, name, arguments: args, status };
}

/** A reasoning part as a reasoning item: its text as one summary part, its signature as `encrypted_content`. */
export function reasoningItem(id: string, part: ReasoningPart | undefined): ResponsesReasoningItem {
  const item: ResponsesReasoningItem = { type: 'reasoning', id, summary: part?.text ? [{ type: 'summary_text', text: part.text }] : [] };
  const encrypted = part && toEncryptedContent(part);
  if (encrypted !== undefined) item.encrypted_content = encrypted;
  return item;
}
