import type { SseEvent } from '../../streaming/sse-parser.ts';
import { SseStreamDecoder } from '../../streaming/sse-stream-decoder.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import type { CohereUsage } from './cohere-wire-types.ts';
import { mapCohereFinishReason } from './map-cohere-finish-reason.ts';
import { mapCohereUsage } from './map-cohere-usage.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface OpenContent {
  block: number;
  kind: 'text' | 'reasoning';
}

/** `delta.message` of a stream event, or an empty object. */
function deltaMessage(data: Obj): Obj {
  const delta = isObject(data.delta) ? data.delta : {};
  return isObject(delta.message) ? delta.message : {};
}

/**
 * Decodes Cohere's v2 chat stream: named SSE events whose data carries the same `type` —
 * `message-start`, `content-start|delta|end` (text or `thinking` blocks, by content index),
 * `tool-plan-delta` (text, as one block before the calls), `tool-call-start|delta|end` (by tool index),
 * `citation-start|end` (ignored), `message-end` (finish reason and usage), then `data: [DONE]`.
 * Event types it does not know are ignored. `finish` is emitted at `message-end`; a body that ends
 * before it is a cut. https://docs.cohere.com/reference/chat-stream
 */
export class CohereStreamDecoder extends SseStreamDecoder {
  private nextBlock = 0;
  private readonly content = new Map<number, OpenContent>();
  private readonly tools = new Map<number, number>();
  private planBlock?: number;
  private finished = false;

  protected readonly cutMessage = 'ended the stream before message-end';

  protected complete(): boolean {
    return this.finished;
  }

  protected onEvent(e: SseEvent): void {
    if (this.finished || e.data === '[DONE]') return;
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      throw new UpstreamProtocolError('malformed', `sent an event whose data is not JSON (event ${e.event ?? 'message'})`);
    }
    if (!isObject(data)) throw new UpstreamProtocolError('malformed', `sent an event whose data is not a JSON object (event ${e.event ?? 'message'})`);
    const index = typeof data.index === 'number' ? data.index : 0;
    switch (str(data.type) || e.event) {
      case 'message-start':
        return void this.out.push({ type: 'message_start', id: str(data.id), model: '' });
      case 'content-start':
      case 'content-delta':
        return this.contentDelta(index, deltaMessage(data).content);
      case 'content-end':
        return this.closeContent(index);
      case 'tool-plan-delta':
        return this.planDelta(str(deltaMessage(data).tool_plan));
      case 'tool-call-start':
        return this.toolStart(index, deltaMessage(data).tool_calls);
      case 'tool-call-delta':
        return this.toolDelta(index, deltaMessage(data).tool_calls);
      case 'tool-call-end':
        return this.closeTool(index);
      case 'message-end':
        return this.messageEnd(isObject(data.delta) ? data.delta : {});
    }
  }

  /** Opens the block on `content-start` (or on a first delta without one) and forwards non-empty text. */
  private contentDelta(index: number, content: unknown): void {
    const c = isObject(content) ? content : {};
    let open = this.content.get(index);
    if (open === undefined) {
      this.closePlan();
      const kind = c.type === 'thinking' || (c.type === undefined && typeof c.thinking === 'string') ? 'reasoning' : 'text';
      open = { block: this.nextBlock++, kind };
      this.content.set(index, open);
      this.out.push({ type: kind === 'text' ? 'text_start' : 'reasoning_start', block: open.block });
    }
    const text = open.kind === 'text' ? str(c.text) : str(c.thinking);
    if (text === '') return;
    this.out.push(open.kind === 'text' ? { type: 'text_delta', block: open.block, text } : { type: 'reasoning_delta', block: open.block, text });
  }

  private closeContent(index: number): void {
    const open = this.content.get(index);
    if (open === undefined) return;
    this.content.delete(index);
    this.out.push({ type: open.kind === 'text' ? 'text_end' : 'reasoning_end', block: open.block });
  }

  private planDelta(text: string): void {
    if (text === '') return;
    if (this.planBlock === undefined) {
      this.planBlock = this.nextBlock++;
      this.out.push({ type: 'text_start', block: this.planBlock });
    }
    this.out.push({ type: 'text_delta', block: this.planBlock, text });
  }

  private closePlan(): void {
    if (this.planBlock === undefined) return;
    this.out.push({ type: 'text_end', block: this.planBlock });
    this.planBlock = undefined;
  }

  private toolStart(index: number, call: unknown): void {
    this.closePlan();
    this.closeTool(index);
    const c = isObject(call) ? call : {};
    const fn = isObject(c.function) ? c.function : {};
    const block = this.nextBlock++;
    this.tools.set(index, block);
    this.out.push({ type: 'tool_call_start', block, id: str(c.id), name: str(fn.name) });
    if (str(fn.arguments) !== '') this.out.push({ type: 'tool_call_delta', block, argumentsDelta: str(fn.arguments) });
  }

  private toolDelta(index: number, call: unknown): void {
    const block = this.tools.get(index);
    if (block === undefined) throw new UpstreamProtocolError('malformed', `sent a tool-call-delta for tool call ${index}, which was never started`);
    const fn = isObject(call) && isObject(call.function) ? call.function : {};
    if (str(fn.arguments) !== '') this.out.push({ type: 'tool_call_delta', block, argumentsDelta: str(fn.arguments) });
  }

  private closeTool(index: number): void {
    const block = this.tools.get(index);
    if (block === undefined) return;
    this.tools.delete(index);
    this.out.push({ type: 'tool_call_end', block });
  }

  private messageEnd(delta: Obj): void {
    this.closePlan();
    for (const index of [...this.content.keys()]) this.closeContent(index);
    for (const index of [...this.tools.keys()]) this.closeTool(index);
    if (isObject(delta.usage)) this.out.push({ type: 'usage', usage: mapCohereUsage(delta.usage as CohereUsage) });
    const raw = str(delta.finish_reason);
    this.finished = true;
    this.out.push(raw === '' ? { type: 'finish', finishReason: 'other' } : { type: 'finish', finishReason: mapCohereFinishReason(raw), rawFinishReason: raw });
  }
}
