import type { StreamEvent } from '../../canonical/stream-event.ts';
import { EventStreamDecoder } from '../../streaming/aws-event-stream/event-stream-decoder.ts';
import { EventStreamError } from '../../streaming/aws-event-stream/event-stream-error.ts';
import { stringHeader, type EventStreamMessage } from '../../streaming/aws-event-stream/event-stream-types.ts';
import { type StreamDecoder, UpstreamProtocolError } from '../provider-adapter.ts';
import type { BedrockTokenUsage } from './bedrock-wire-types.ts';
import { bedrockStopSequence, mapBedrockStopReason } from './map-bedrock-stop-reason.ts';
import { mapBedrockUsage } from './map-bedrock-usage.ts';

type BlockKind = 'text' | 'reasoning' | 'tool';
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const END: Record<BlockKind, 'text_end' | 'reasoning_end' | 'tool_call_end'> = { text: 'text_end', reasoning: 'reasoning_end', tool: 'tool_call_end' };

/**
 * ConverseStream body (binary event stream) → canonical events. Each message's `:event-type` names
 * the event (messageStart, contentBlockStart, contentBlockDelta, contentBlockStop, messageStop,
 * metadata); `:message-type: exception` carries `:exception-type` (throttlingException,
 * modelStreamErrorException, …) and is thrown as `upstream_error` with that code. Text and reasoning
 * blocks have no start event: they open with their first delta. `finish` is emitted once both
 * messageStop and metadata (usage) arrived; a body that ends before that was cut.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export function createBedrockStreamDecoder(): StreamDecoder {
  const frames = new EventStreamDecoder();
  const open = new Map<number, { block: number; kind: BlockKind }>();
  let nextBlock = 0;
  let started = false;
  let stop: { reason: string; sequence?: string } | undefined;
  let usageSeen = false;
  let finished = false;

  const startMessage = (out: StreamEvent[]): void => {
    if (started) return;
    started = true;
    out.push({ type: 'message_start', id: '', model: '' });
  };

  const openBlock = (index: number, kind: BlockKind, out: StreamEvent[], tool?: { id: string; name: string }): number => {
    const existing = open.get(index);
    if (existing) {
      if (existing.kind !== kind) throw new UpstreamProtocolError('malformed', `sent a ${kind} delta into ${existing.kind} block ${index}`);
      return existing.block;
    }
    startMessage(out);
    const block = nextBlock++;
    open.set(index, { block, kind });
    if (kind === 'text') out.push({ type: 'text_start', block });
    else if (kind === 'reasoning') out.push({ type: 'reasoning_start', block });
    else out.push({ type: 'tool_call_start', block, id: tool!.id, name: tool!.name });
    return block;
  };

  const closeBlock = (index: number, out: StreamEvent[]): void => {
    const b = open.get(index);
    if (!b) return;
    open.delete(index);
    out.push({ type: END[b.kind], block: b.block });
  };

  const maybeFinish = (out: StreamEvent[]): void => {
    if (finished || !stop || !usageSeen) return;
    finished = true;
    out.push({
      type: 'finish',
      finishReason: mapBedrockStopReason(stop.reason),
      rawFinishReason: stop.reason,
      ...(stop.sequence !== undefined ? { stopSequence: stop.sequence } : {}),
    });
  };

  const onDelta = (index: number, delta: Json, out: StreamEvent[]): void => {
    if (typeof delta.text === 'string') {
      out.push({ type: 'text_delta', block: openBlock(index, 'text', out), text: delta.text });
    } else if (isObject(delta.toolUse)) {
      const b = open.get(index);
      if (b?.kind !== 'tool') throw new UpstreamProtocolError('malformed', `sent toolUse input for block ${index} without its contentBlockStart`);
      out.push({ type: 'tool_call_delta', block: b.block, argumentsDelta: typeof delta.toolUse.input === 'string' ? delta.toolUse.input : '' });
    } else if (isObject(delta.reasoningContent)) {
      const r = delta.reasoningContent;
      const block = openBlock(index, 'reasoning', out);
      if (typeof r.text === 'string') out.push({ type: 'reasoning_delta', block, text: r.text });
      if (typeof r.signature === 'string') out.push({ type: 'reasoning_signature', block, signature: r.signature });
      if (typeof r.redactedContent === 'string') out.push({ type: 'reasoning_signature', block, redactedData: r.redactedContent });
    }
  };

  const onEvent = (type: string, e: Json, out: StreamEvent[]): void => {
    const index = typeof e.contentBlockIndex === 'number' ? e.contentBlockIndex : 0;
    switch (type) {
      case 'messageStart':
        startMessage(out);
        return;
      case 'contentBlockStart': {
        const tool = isObject(e.start) && isObject(e.start.toolUse) ? e.start.toolUse : undefined;
        if (tool) {
          if (typeof tool.toolUseId !== 'string' || typeof tool.name !== 'string') throw new UpstreamProtocolError('malformed', 'sent a toolUse start without toolUseId or name');
          openBlock(index, 'tool', out, { id: tool.toolUseId, name: tool.name });
        }
        return;
      }
      case 'contentBlockDelta':
        if (isObject(e.delta)) onDelta(index, e.delta, out);
        return;
      case 'contentBlockStop':
        closeBlock(index, out);
        return;
      case 'messageStop':
        if (typeof e.stopReason !== 'string') throw new UpstreamProtocolError('malformed', 'sent messageStop without a stopReason');
        startMessage(out);
        for (const i of [...open.keys()]) closeBlock(i, out);
        stop = { reason: e.stopReason, sequence: bedrockStopSequence(e.additionalModelResponseFields) };
        maybeFinish(out);
        return;
      case 'metadata':
        usageSeen = true;
        out.push({ type: 'usage', usage: mapBedrockUsage(isObject(e.usage) ? (e.usage as BedrockTokenUsage) : undefined) });
        maybeFinish(out);
        return;
    }
  };

  const onMessage = (m: EventStreamMessage, out: StreamEvent[]): void => {
    const messageType = stringHeader(m, ':message-type') ?? 'event';
    if (messageType === 'exception') {
      const code = stringHeader(m, ':exception-type') ?? 'exception';
      throw new UpstreamProtocolError('upstream_error', exceptionMessage(m.payload) ?? `sent ${code}`, code);
    }
    if (messageType === 'error') {
      const code = stringHeader(m, ':error-code') ?? 'error';
      throw new UpstreamProtocolError('upstream_error', stringHeader(m, ':error-message') ?? `sent ${code}`, code);
    }
    if (messageType !== 'event' || finished) return;
    const type = stringHeader(m, ':event-type');
    if (type === undefined) throw new UpstreamProtocolError('malformed', 'sent an event without an :event-type header');
    let payload: unknown;
    try {
      payload = JSON.parse(m.payload.toString('utf8'));
    } catch {
      throw new UpstreamProtocolError('malformed', `sent a ${type} event whose payload is not JSON`);
    }
    if (!isObject(payload)) throw new UpstreamProtocolError('malformed', `sent a ${type} event whose payload is not an object`);
    onEvent(type, payload, out);
  };

  const framed = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof EventStreamError) {
        throw err.code === 'truncated'
          ? new UpstreamProtocolError('cut', `ended the stream inside an event-stream message (${err.message})`)
          : new UpstreamProtocolError('malformed', `sent a broken event stream: ${err.message}`);
      }
      throw err;
    }
  };

  return {
    push(chunk: Buffer): StreamEvent[] {
      const out: StreamEvent[] = [];
      for (const m of framed(() => frames.push(chunk))) onMessage(m, out);
      return out;
    },
    end(): StreamEvent[] {
      framed(() => frames.end());
      if (!finished) {
        const missing = !stop && !usageSeen ? 'messageStop and metadata' : !stop ? 'messageStop' : 'metadata';
        throw new UpstreamProtocolError('cut', `ended the stream before ${missing}`);
      }
      return [];
    },
  };
}

function exceptionMessage(payload: Buffer): string | undefined {
  try {
    const body = JSON.parse(payload.toString('utf8')) as unknown;
    if (isObject(body) && typeof body.message === 'string') return body.message.slice(0, 2000);
    if (isObject(body) && typeof body.Message === 'string') return body.Message.slice(0, 2000);
  } catch {
    return undefined;
  }
  return undefined;
}
