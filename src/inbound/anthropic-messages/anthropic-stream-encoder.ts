import type { FinishReason } from '../../canonical/response.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { Usage } from '../../canonical/usage.ts';
import type { HttpError } from '../../server/http-error.ts';
import type { EncodeContext, StreamEncoder } from '../inbound-codec.ts';
import { anthropicErrorBody } from './anthropic-error-type.ts';
import { anthropicMessageId, anthropicUsage } from './encode-anthropic-message.ts';
import { mapFinishToStopReason } from './map-finish-to-stop-reason.ts';

/** One canonical block as written: its Anthropic `index` once started, and whether it is closed. */
interface BlockState {
  kind: 'text' | 'thinking' | 'tool';
  index?: number;
  closed: boolean;
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Canonical events → the Messages API event stream: `message_start`, per block `content_block_start` /
 * `content_block_delta` / `content_block_stop` with indexes counting from 0, then `message_delta` (stop
 * reason and cumulative usage) and `message_stop`. https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * `message_start` waits for the first content so the usage that follows it upstream can ride along.
 * Thinking blocks start at their first delta or signature, so redacted thinking can open as
 * `redacted_thinking`. Anthropic blocks never overlap, so a block that starts closes the open one; a
 * late text or thinking delta for a closed block opens a continuation block (tool arguments cannot be
 * split, and no known provider interleaves them).
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private readonly ctx: EncodeContext;
  private readonly blocks = new Map<number, BlockState>();
  private id?: string;
  private started = false;
  private nextIndex = 0;
  private current?: BlockState;
  private usage?: Usage;
  private finish?: { finishReason: FinishReason; rawFinishReason?: string; stopSequence?: string };

  constructor(ctx: EncodeContext) {
    this.ctx = ctx;
  }

  event(e: StreamEvent): string {
    switch (e.type) {
      case 'message_start':
        this.id = e.id;
        return '';
      case 'usage':
        this.usage = e.usage;
        return '';
      case 'finish':
        this.finish = { finishReason: e.finishReason, rawFinishReason: e.rawFinishReason, stopSequence: e.stopSequence };
        return '';
      case 'text_start':
        return this.open(e.block, 'text', { type: 'text', text: '' });
      case 'text_delta':
        return this.delta(e.block, 'text', { type: 'text_delta', text: e.text });
      case 'reasoning_start':
        this.blocks.set(e.block, { kind: 'thinking', closed: false });
        return '';
      case 'reasoning_delta':
        return this.delta(e.block, 'thinking', { type: 'thinking_delta', thinking: e.text });
      case 'reasoning_signature':
        if (e.redactedData !== undefined) return this.redacted(e.block, e.redactedData);
        return this.delta(e.block, 'thinking', { type: 'signature_delta', signature: e.signature ?? '' });
      case 'tool_call_start':
        return this.open(e.block, 'tool', { type: 'tool_use', id: e.id, name: e.name, input: {} });
      case 'tool_call_delta':
        return this.delta(e.block, 'tool', { type: 'input_json_delta', partial_json: e.argumentsDelta });
      case 'text_end':
      case 'reasoning_end':
      case 'tool_call_end': {
        const state = this.blocks.get(e.block);
        return state === undefined ? '' : this.close(state);
      }
    }
  }

  end(): string {
    let out = this.start();
    if (this.current !== undefined) out += this.close(this.current);
    const usage = this.usage ? anthropicUsage(this.usage) : { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const f = this.finish;
    out += frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: f ? mapFinishToStopReason(f.finishReason, f.rawFinishReason, f.stopSequence) : 'end_turn', stop_sequence: f?.stopSequence ?? null },
      usage,
    });
    return out + frame('message_stop', { type: 'message_stop' });
  }

  error(err: HttpError): string {
    return frame('error', anthropicErrorBody(err));
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    const usage = this.usage ? anthropicUsage(this.usage) : { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    return frame('message_start', {
      type: 'message_start',
      message: {
        id: anthropicMessageId(this.id ?? '', this.ctx.requestId),
        type: 'message',
        role: 'assistant',
        model: this.ctx.publicModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    });
  }

  /** Starts a block at the next index, closing whichever block is open. */
  private begin(state: BlockState, contentBlock: Record<string, unknown>): string {
    let out = this.start();
    if (this.current !== undefined && this.current !== state) out += this.close(this.current);
    state.index = this.nextIndex++;
    state.closed = false;
    this.current = state;
    return out + frame('content_block_start', { type: 'content_block_start', index: state.index, content_block: contentBlock });
  }

  private open(block: number, kind: BlockState['kind'], contentBlock: Record<string, unknown>): string {
    const state: BlockState = { kind, closed: false };
    this.blocks.set(block, state);
    return this.begin(state, contentBlock);
  }

  private delta(block: number, kind: BlockState['kind'], delta: Record<string, unknown>): string {
    let state = this.blocks.get(block);
    let out = '';
    if (state === undefined || state.kind !== kind || (state.closed && state.index !== undefined)) {
      if (kind === 'tool') return '';
      state = { kind, closed: false };
      this.blocks.set(block, state);
    }
    if (state.index === undefined) {
      out += this.begin(state, kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
    }
    return out + frame('content_block_delta', { type: 'content_block_delta', index: state.index, delta });
  }

  private redacted(block: number, data: string): string {
    const existing = this.blocks.get(block);
    const state: BlockState = existing !== undefined && existing.index === undefined ? existing : { kind: 'thinking', closed: false };
    this.blocks.set(block, state);
    const out = this.begin(state, { type: 'redacted_thinking', data });
    return existing === state ? out : out + this.close(state);
  }

  private close(state: BlockState): string {
    if (state.closed || state.index === undefined) return '';
    state.closed = true;
    if (this.current === state) this.current = undefined;
    return frame('content_block_stop', { type: 'content_block_stop', index: state.index });
  }
}
