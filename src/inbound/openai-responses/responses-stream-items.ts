import { functionCallItem, messageItem, reasoningItem } from './responses-output-items.ts';
import type { ItemStatus, ResponsesFunctionCallItem, ResponsesMessageItem, ResponsesOutputItem, ResponsesReasoningItem } from './responses-wire-types.ts';

/** Writes one `event: <type>` / `data: {…}` frame with the next `sequence_number`. */
export type FrameWriter = (type: string, payload: Record<string, unknown>) => string;

/**
 * One output item while it streams. The event sequence per item type follows the Responses streaming
 * reference: `output_item.added` → content events → `output_item.done`.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
export interface StreamingItem {
  readonly outputIndex: number;
  readonly item: ResponsesOutputItem;
  done: boolean;
  /** Reasoning: whether the summary part has been opened (only once there is text). */
  summaryOpen?: boolean;
  reasoningText?: string;
  signature?: string;
  redactedData?: string;
}

export function openMessage(w: FrameWriter, id: string, outputIndex: number): { s: StreamingItem; out: string } {
  const item: ResponsesMessageItem = messageItem(id, undefined, 'in_progress');
  let out = w('response.output_item.added', { output_index: outputIndex, item });
  const part = { type: 'output_text' as const, text: '', annotations: [] };
  out += w('response.content_part.added', { item_id: id, output_index: outputIndex, content_index: 0, part });
  item.content.push(part);
  return { s: { outputIndex, item, done: false }, out };
}

export function openFunctionCall(w: FrameWriter, id: string, outputIndex: number, callId: string, name: string): { s: StreamingItem; out: string } {
  const item = functionCallItem(id, callId, name, '', 'in_progress');
  return { s: { outputIndex, item, done: false }, out: w('response.output_item.added', { output_index: outputIndex, item }) };
}

export function openReasoning(w: FrameWriter, id: string, outputIndex: number): { s: StreamingItem; out: string } {
  const item = reasoningItem(id, undefined);
  return { s: { outputIndex, item, done: false, reasoningText: '' }, out: w('response.output_item.added', { output_index: outputIndex, item }) };
}

export function itemDelta(w: FrameWriter, s: StreamingItem, delta: string): string {
  const base = { item_id: s.item.id, output_index: s.outputIndex };
  switch (s.item.type) {
    case 'message':
      s.item.content[0].text += delta;
      return w('response.output_text.delta', { ...base, content_index: 0, delta, logprobs: [] });
    case 'function_call':
      s.item.arguments += delta;
      return w('response.function_call_arguments.delta', { ...base, delta });
    case 'reasoning': {
      let out = '';
      if (!s.summaryOpen) {
        s.summaryOpen = true;
        out += w('response.reasoning_summary_part.added', { ...base, summary_index: 0, part: { type: 'summary_text', text: '' } });
      }
      s.reasoningText += delta;
      return out + w('response.reasoning_summary_text.delta', { ...base, summary_index: 0, delta });
    }
  }
}

/** The closing events of an item; `status` is what the finished item reports (reasoning items carry none). */
export function closeItem(w: FrameWriter, s: StreamingItem, status: ItemStatus): string {
  s.done = true;
  const base = { item_id: s.item.id, output_index: s.outputIndex };
  let out = '';
  switch (s.item.type) {
    case 'message': {
      const part = s.item.content[0];
      out += w('response.output_text.done', { ...base, content_index: 0, text: part.text, logprobs: [] });
      out += w('response.content_part.done', { ...base, content_index: 0, part });
      s.item.status = status;
      break;
    }
    case 'function_call':
      out += w('response.function_call_arguments.done', { ...base, arguments: s.item.arguments });
      s.item.status = status;
      break;
    case 'reasoning': {
      const text = s.reasoningText ?? '';
      if (s.summaryOpen) {
        out += w('response.reasoning_summary_text.done', { ...base, summary_index: 0, text });
        out += w('response.reasoning_summary_part.done', { ...base, summary_index: 0, part: { type: 'summary_text', text } });
      }
      Object.assign(s.item, finishedReasoning(s));
      break;
    }
  }
  return out + w('response.output_item.done', { output_index: s.outputIndex, item: s.item });
}

function finishedReasoning(s: StreamingItem): ResponsesReasoningItem {
  const part = { type: 'reasoning' as const, text: s.reasoningText ?? '', signature: s.signature, redactedData: s.redactedData };
  return reasoningItem(s.item.id, part);
}

/** An item as it stands when the stream fails: unfinished messages and calls are `incomplete`. */
export function itemSnapshot(s: StreamingItem): ResponsesOutputItem {
  if (s.done) return s.item;
  if (s.item.type === 'reasoning') return finishedReasoning(s);
  return { ...s.item, status: 'incomplete' } as ResponsesMessageItem | ResponsesFunctionCallItem;
}
