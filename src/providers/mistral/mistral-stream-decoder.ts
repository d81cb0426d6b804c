import type { FinishReason } from '../../canonical/response.ts';
import type { SseEvent } from '../../streaming/sse-parser.ts';
import { DeltaBlocks } from '../../streaming/delta-blocks.ts';
import { SseStreamDecoder } from '../../streaming/sse-stream-decoder.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { mapMistralFinishReason } from './map-mistral-finish-reason.ts';
import { mapMistralUsage } from './map-mistral-usage.ts';
import type { MistralUsage } from './mistral-wire-types.ts';
import { mistralArgumentsText, readMistralContent } from './read-mistral-content.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface OpenTool {
  block: number;
  id: string;
}

/**
 * Decodes Mistral's chat stream: data-only SSE events of `chat.completion.chunk` objects, ended by
 * `data: [DONE]`. Content deltas are strings, or chunk lists when a Magistral model interleaves `thinking`
 * chunks (→ reasoning blocks) with `text` chunks. Tool calls arrive whole or as fragments keyed by `index`
 * (the first with the id and name). The chunk with `finish_reason` also carries `usage`; `finish` is
 * emitted at `[DONE]`, so a body that ends before it is a cut. An `{"object":"error"}` event throws
 * `upstream_error`. https://docs.mistral.ai/api/#tag/chat (stream: data-only server-sent events)
 */
export class MistralStreamDecoder extends SseStreamDecoder {
  private started = false;
  private readonly blocks = new DeltaBlocks((e) => this.out.push(e));
  private readonly tools = new Map<number, OpenTool>();
  private finish?: { finishReason: FinishReason; rawFinishReason: string };
  private done = false;

  protected readonly cutMessage = 'ended the stream before data: [DONE]';

  protected complete(): boolean {
    return this.done;
  }

  protected onEvent(e: SseEvent): void {
    if (this.done) return;
    if (e.data === '[DONE]') return this.onDone();
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      throw new UpstreamProtocolError('malformed', 'sent a stream event whose data is not JSON');
    }
    if (!isObject(data)) throw new UpstreamProtocolError('malformed', 'sent a stream event whose data is not a JSON object');
    if (data.object === 'error' || (!Array.isArray(data.choices) && data.message !== undefined)) {
      const code = str(data.type) || str(data.code) || 'error';
      throw new UpstreamProtocolError('upstream_error', str(data.message) || code, code);
    }
    if (!this.started) {
      this.started = true;
      this.out.push({ type: 'message_start', id: str(data.id), model: str(data.model) });
    }
    const choice = Array.isArray(data.choices) ? data.choices[0] : undefined;
    if (isObject(choice)) this.onChoice(choice);
    if (isObject(data.usage)) this.out.push({ type: 'usage', usage: mapMistralUsage(data.usage as MistralUsage) });
  }

  private onChoice(choice: Obj): void {
    const delta = isObject(choice.delta) ? choice.delta : {};
    for (const piece of readMistralContent(delta.content)) {
      if (piece.kind === 'text') this.blocks.text(piece.text);
      else this.blocks.reasoning(piece.text);
    }
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) if (isObject(call)) this.toolCall(call);
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
      this.closeAll();
      this.finish = { finishReason: mapMistralFinishReason(choice.finish_reason), rawFinishReason: choice.finish_reason };
    }
  }

  /** A fragment for a known `index` extends that call unless it names a different id (a new call reusing the index). */
  private toolCall(call: Obj): void {
    const index = typeof call.index === 'number' ? call.index : 0;
    const fn = isObject(call.function) ? call.function : {};
    const id = call.id === 'null' ? '' : str(call.id);
    let open = this.tools.get(index);
    if (open !== undefined && id !== '' && id !== open.id) {
      this.out.push({ type: 'tool_call_end', block: open.block });
      this.tools.delete(index);
      open = undefined;
    }
    if (open === undefined) {
      this.blocks.closeText();
      this.blocks.closeReasoning();
      open = { block: this.blocks.newBlock(), id };
      this.tools.set(index, open);
      this.out.push({ type: 'tool_call_start', block: open.block, id, name: str(fn.name) });
    }
    const args = mistralArgumentsText(fn.arguments);
    if (args !== '') this.out.push({ type: 'tool_call_delta', block: open.block, argumentsDelta: args });
  }

  private closeAll(): void {
    this.blocks.closeText();
    this.blocks.closeReasoning();
    for (const open of this.tools.values()) this.out.push({ type: 'tool_call_end', block: open.block });
    this.tools.clear();
  }

  private onDone(): void {
    this.done = true;
    this.closeAll();
    this.out.push({ type: 'finish', ...(this.finish ?? { finishReason: 'other' as const }) });
  }
}
