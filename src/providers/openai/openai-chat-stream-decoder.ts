import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { SseEvent } from '../../streaming/sse-parser.ts';
import { DeltaBlocks } from '../../streaming/delta-blocks.ts';
import { SseStreamDecoder } from '../../streaming/sse-stream-decoder.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Decodes an OpenAI `chat.completion.chunk` event stream into canonical block events: one text block
 * per run of `content`, one reasoning block per run of `reasoning_content` / `reasoning` (DeepSeek,
 * vLLM, OpenRouter), one block per tool-call `index`; calls stream one after another, so a call's block
 * closes when the next starts. Blocks close at the finish reason at the latest; `usage` is
 * emitted when its chunk arrives and `finish` at `data: [DONE]`, the only clean end. Chunks without
 * choices or without a delta (Azure's prompt-filter and content-filter chunks) carry nothing and are skipped.
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class OpenAIChatStreamDecoder extends SseStreamDecoder {
  private started = false;
  private done = false;
  private readonly blocks = new DeltaBlocks((e) => this.out.push(e));
  private readonly tools = new Map<number, number>();
  private openTool: number | undefined;
  private finishRaw: string | undefined;

  protected readonly cutMessage = 'ended the stream before [DONE]';

  protected complete(): boolean {
    return this.done;
  }

  protected onEvent(e: SseEvent): void {
    if (this.done) return;
    if (e.data === '[DONE]') {
      this.closeAll();
      this.done = true;
      const finish: StreamEvent = { type: 'finish', finishReason: mapOpenAIFinishReason(this.finishRaw) };
      if (this.finishRaw !== undefined) finish.rawFinishReason = this.finishRaw;
      this.out.push(finish);
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(e.data);
    } catch {
      throw new UpstreamProtocolError('malformed', 'sent an event whose data is not JSON');
    }
    if (!isRecord(chunk)) throw new UpstreamProtocolError('malformed', 'sent an event whose data is not a JSON object');
    if (chunk.error !== undefined && chunk.error !== null) throw inBandError(chunk.error);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    if (!this.started && (nonEmpty(chunk.id) || choices.length > 0)) {
      this.started = true;
      this.out.push({ type: 'message_start', id: typeof chunk.id === 'string' ? chunk.id : '', model: typeof chunk.model === 'string' ? chunk.model : '' });
    }
    for (const choice of choices) {
      if (isRecord(choice) && (choice.index === 0 || choice.index === undefined)) this.onChoice(choice);
    }
    if (isRecord(chunk.usage)) this.out.push({ type: 'usage', usage: mapOpenAIUsage(chunk.usage as OpenAIUsage) });
  }

  private onChoice(choice: Json): void {
    const delta = choice.delta;
    if (isRecord(delta)) {
      const reasoning = nonEmpty(delta.reasoning_content) ? delta.reasoning_content : nonEmpty(delta.reasoning) ? delta.reasoning : undefined;
      if (reasoning !== undefined) this.reasoningDelta(reasoning);
      if (nonEmpty(delta.content)) this.textDelta(delta.content);
      else if (nonEmpty(delta.refusal)) this.textDelta(delta.refusal);
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) if (isRecord(call)) this.toolCallDelta(call);
    }
    if (typeof choice.finish_reason === 'string') {
      this.finishRaw = choice.finish_reason;
      this.closeAll();
    }
  }

  private reasoningDelta(text: string): void {
    this.closeTool();
    this.blocks.reasoning(text);
  }

  private textDelta(text: string): void {
    this.closeTool();
    this.blocks.text(text);
  }

  private toolCallDelta(call: Json): void {
    this.blocks.closeText();
    this.blocks.closeReasoning();
    const index = typeof call.index === 'number' ? call.index : 0;
    const fn = isRecord(call.function) ? call.function : {};
    let block = this.tools.get(index);
    if (block === undefined) {
      this.closeTool();
      block = this.blocks.newBlock();
      this.tools.set(index, block);
      this.openTool = block;
      const id = nonEmpty(call.id) ? call.id : `call_${index}`;
      this.out.push({ type: 'tool_call_start', block, id, name: typeof fn.name === 'string' ? fn.name : '' });
    }
    if (!nonEmpty(fn.arguments)) return;
    if (block !== this.openTool) throw new UpstreamProtocolError('malformed', `sent arguments for tool call ${index} after a later tool call had started`);
    this.out.push({ type: 'tool_call_delta', block, argumentsDelta: fn.arguments });
  }

  private closeTool(): void {
    if (this.openTool === undefined) return;
    this.out.push({ type: 'tool_call_end', block: this.openTool });
    this.openTool = undefined;
  }

  private closeAll(): void {
    this.blocks.closeReasoning();
    this.blocks.closeText();
    this.closeTool();
  }
}

function inBandError(error: unknown): UpstreamProtocolError {
  const e = isRecord(error) ? error : {};
  const message = typeof e.message === 'string' && e.message !== '' ? e.message.slice(0, 2000) : 'the provider reported an error mid-stream';
  const code = nonEmpty(e.code) ? e.code : nonEmpty(e.type) ? e.type : undefined;
  return new UpstreamProtocolError('upstream_error', message, code);
}
