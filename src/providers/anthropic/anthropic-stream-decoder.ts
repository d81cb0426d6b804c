import type { FinishReason } from '../../canonical/response.ts';
import type { SseEvent } from '../../streaming/sse-parser.ts';
import { SseStreamDecoder } from '../../streaming/sse-stream-decoder.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { JSON_OBJECT_TOOL_NAME } from './anthropic-json-output.ts';
import type { AnthropicUsage } from './anthropic-wire-types.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.ts';

type Obj = Record<string, unknown>;
/** What an open content block (by Anthropic `index`) turned into; `skip` is a block with no canonical form. */
type BlockKind = 'text' | 'reasoning' | 'tool' | 'json' | 'skip';

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Decodes the Messages API event stream: `message_start`, `content_block_start` / `_delta` / `_stop`,
 * `message_delta` (stop reason and cumulative usage), `message_stop`. `ping` and event types it does not
 * know are ignored, as Anthropic's versioning policy says new ones may appear. Canonical block numbers
 * are Anthropic's content-block indexes. `finish` is emitted at `message_stop`, so a body that ends
 * before it is a cut even after `message_delta`. An `error` event throws `upstream_error` with the
 * error type (e.g. `overloaded_error`) as its code.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicStreamDecoder extends SseStreamDecoder {
  private readonly blocks = new Map<number, BlockKind>();
  private usage: AnthropicUsage = {};
  private finish?: { finishReason: FinishReason; rawFinishReason?: string; stopSequence?: string };
  private realToolCalls = 0;
  private jsonAnswers = 0;
  private stopped = false;

  protected readonly cutMessage = 'ended the stream before message_stop';

  protected complete(): boolean {
    return this.stopped;
  }

  protected onEvent(e: SseEvent): void {
    if (this.stopped) return;
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      throw new UpstreamProtocolError('malformed', `sent an event whose data is not JSON (event ${e.event ?? 'message'})`);
    }
    if (!isObject(data)) throw new UpstreamProtocolError('malformed', `sent an event whose data is not a JSON object (event ${e.event ?? 'message'})`);
    switch (e.event ?? data.type) {
      case 'message_start':
        return this.messageStart(data);
      case 'content_block_start':
        return this.blockStart(data);
      case 'content_block_delta':
        return this.blockDelta(data);
      case 'content_block_stop':
        return this.blockStop(data);
      case 'message_delta':
        return this.messageDelta(data);
      case 'message_stop':
        return this.messageStop();
      case 'error': {
        const error = isObject(data.error) ? data.error : {};
        const type = str(error.type) || 'error';
        throw new UpstreamProtocolError('upstream_error', str(error.message) || type, type);
      }
    }
  }

  private index(data: Obj): number {
    const index = data.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      throw new UpstreamProtocolError('malformed', `sent a ${str(data.type) || 'content block'} event without a valid index`);
    }
    return index;
  }

  private messageStart(data: Obj): void {
    const message = isObject(data.message) ? data.message : {};
    this.out.push({ type: 'message_start', id: str(message.id), model: str(message.model) });
    if (isObject(message.usage)) {
      this.usage = { ...(message.usage as AnthropicUsage) };
      this.out.push({ type: 'usage', usage: mapAnthropicUsage(this.usage) });
    }
  }

  private blockStart(data: Obj): void {
    const block = this.index(data);
    const cb = isObject(data.content_block) ? data.content_block : {};
    switch (cb.type) {
      case 'text':
        this.blocks.set(block, 'text');
        this.out.push({ type: 'text_start', block });
        if (str(cb.text) !== '') this.out.push({ type: 'text_delta', block, text: str(cb.text) });
        return;
      case 'thinking':
        this.blocks.set(block, 'reasoning');
        this.out.push({ type: 'reasoning_start', block });
        if (str(cb.thinking) !== '') this.out.push({ type: 'reasoning_delta', block, text: str(cb.thinking) });
        if (str(cb.signature) !== '') this.out.push({ type: 'reasoning_signature', block, signature: str(cb.signature) });
        return;
      case 'redacted_thinking':
        this.blocks.set(block, 'reasoning');
        this.out.push({ type: 'reasoning_start', block }, { type: 'reasoning_signature', block, redactedData: str(cb.data) });
        return;
      case 'tool_use': {
        const initial = isObject(cb.input) && Object.keys(cb.input).length > 0 ? JSON.stringify(cb.input) : '';
        if (cb.name === JSON_OBJECT_TOOL_NAME) {
          this.jsonAnswers++;
          this.blocks.set(block, 'json');
          this.out.push({ type: 'text_start', block });
          if (initial !== '') this.out.push({ type: 'text_delta', block, text: initial });
        } else {
          this.realToolCalls++;
          this.blocks.set(block, 'tool');
          this.out.push({ type: 'tool_call_start', block, id: str(cb.id), name: str(cb.name) });
          if (initial !== '') this.out.push({ type: 'tool_call_delta', block, argumentsDelta: initial });
        }
        return;
      }
      default:
        this.blocks.set(block, 'skip');
    }
  }

  private blockDelta(data: Obj): void {
    const block = this.index(data);
    const kind = this.blocks.get(block);
    if (kind === undefined) throw new UpstreamProtocolError('malformed', `sent a content_block_delta for block ${block}, which was never started`);
    const delta = isObject(data.delta) ? data.delta : {};
    switch (delta.type) {
      case 'text_delta':
        if (kind === 'text' && str(delta.text) !== '') this.out.push({ type: 'text_delta', block, text: str(delta.text) });
        return;
      case 'thinking_delta':
        if (kind === 'reasoning' && str(delta.thinking) !== '') this.out.push({ type: 'reasoning_delta', block, text: str(delta.thinking) });
        return;
      case 'signature_delta':
        if (kind === 'reasoning') this.out.push({ type: 'reasoning_signature', block, signature: str(delta.signature) });
        return;
      case 'input_json_delta': {
        const part = str(delta.partial_json);
        if (part === '') return;
        if (kind === 'tool') this.out.push({ type: 'tool_call_delta', block, argumentsDelta: part });
        else if (kind === 'json') this.out.push({ type: 'text_delta', block, text: part });
      }
    }
  }

  private blockStop(data: Obj): void {
    const block = this.index(data);
    const kind = this.blocks.get(block);
    this.blocks.delete(block);
    if (kind === 'text' || kind === 'json') this.out.push({ type: 'text_end', block });
    else if (kind === 'reasoning') this.out.push({ type: 'reasoning_end', block });
    else if (kind === 'tool') this.out.push({ type: 'tool_call_end', block });
  }

  private messageDelta(data: Obj): void {
    if (isObject(data.usage)) {
      this.usage = mergeAnthropicUsage(this.usage, data.usage as AnthropicUsage);
      this.out.push({ type: 'usage', usage: mapAnthropicUsage(this.usage) });
    }
    const delta = isObject(data.delta) ? data.delta : {};
    const raw = typeof delta.stop_reason === 'string' ? delta.stop_reason : undefined;
    if (raw === undefined) return;
    const jsonOnly = raw === 'tool_use' && this.jsonAnswers > 0 && this.realToolCalls === 0;
    this.finish = jsonOnly
      ? { finishReason: 'stop', rawFinishReason: 'end_turn' }
      : { finishReason: mapAnthropicStopReason(raw), rawFinishReason: raw };
    if (typeof delta.stop_sequence === 'string') this.finish.stopSequence = delta.stop_sequence;
  }

  private messageStop(): void {
    this.stopped = true;
    this.out.push({ type: 'finish', ...(this.finish ?? { finishReason: 'other' as const }) });
  }
}
