import type { FinishReason } from '../../canonical/response.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { Usage } from '../../canonical/usage.ts';
import type { HttpError } from '../../server/http-error.ts';
import type { EncodeContext, StreamEncoder } from '../inbound-codec.ts';
import { buildResponseObject } from './build-response-object.ts';
import { mapFinishToResponseStatus, type ResponseOutcome } from './map-finish-to-response-status.ts';
import { outputItemId } from './responses-output-items.ts';
import {
  closeItem, itemDelta, itemSnapshot, openFunctionCall, openMessage, openReasoning, type FrameWriter, type StreamingItem,
} from './responses-stream-items.ts';
import type { ResponsesErrorCode } from './responses-wire-types.ts';

/**
 * Canonical stream events as Responses streaming events (`event: <type>` frames with increasing
 * `sequence_number`): `response.created`, `response.in_progress`, then per output item its added /
 * delta / done events, and finally `response.completed` (or `response.incomplete` / `response.failed`)
 * carrying the whole response with usage. The opening events wait for the first content event (usage
 * may come first, e.g. from Anthropic), so a target that fails before any content can still fail over.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createResponsesStreamEncoder(ctx: EncodeContext): StreamEncoder {
  let seq = 0;
  let started = false;
  let closed = false;
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;
  const items: StreamingItem[] = [];
  const byBlock = new Map<number, StreamingItem>();

  const w: FrameWriter = (type, payload) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: seq++ })}\n\n`;
  const output = () => items.map(itemSnapshot);
  const preamble = (): string => {
    if (started) return '';
    started = true;
    const response = buildResponseObject(ctx, { status: 'in_progress', incomplete_details: null, error: null }, []);
    return w('response.created', { response }) + w('response.in_progress', { response });
  };
  const open = (block: number, opened: { s: StreamingItem; out: string }): string => {
    items.push(opened.s);
    byBlock.set(block, opened.s);
    return opened.out;
  };
  const nextItemId = (prefix: 'msg' | 'fc' | 'rs') => outputItemId(prefix, ctx.requestId, items.length);
  const ensure = (block: number, kind: 'msg' | 'rs'): string => {
    if (byBlock.has(block)) return '';
    return open(block, kind === 'msg' ? openMessage(w, nextItemId('msg'), items.length) : openReasoning(w, nextItemId('rs'), items.length));
  };
  const close = (block: number, status: 'completed' | 'incomplete'): string => {
    const s = byBlock.get(block);
    return s && !s.done ? closeItem(w, s, status) : '';
  };

  const handle = (e: StreamEvent): string => {
    switch (e.type) {
      case 'text_start':
        return ensure(e.block, 'msg');
      case 'reasoning_start':
        return ensure(e.block, 'rs');
      case 'tool_call_start': {
        if (byBlock.has(e.block)) return '';
        const callId = e.id || outputItemId('call', ctx.requestId, items.length);
        return open(e.block, openFunctionCall(w, nextItemId('fc'), items.length, callId, e.name));
      }
      case 'text_delta':
      case 'reasoning_delta': {
        const out = ensure(e.block, e.type === 'text_delta' ? 'msg' : 'rs');
        const s = byBlock.get(e.block)!;
        return s.done || e.text === '' ? out : out + itemDelta(w, s, e.text);
      }
      case 'tool_call_delta': {
        const s = byBlock.get(e.block);
        return s && !s.done && e.argumentsDelta !== '' ? itemDelta(w, s, e.argumentsDelta) : '';
      }
      case 'reasoning_signature': {
        const out = ensure(e.block, 'rs');
        const s = byBlock.get(e.block)!;
        if (e.signature !== undefined) s.signature = e.signature;
        if (e.redactedData !== undefined) s.redactedData = e.redactedData;
        return out;
      }
      case 'text_end':
      case 'reasoning_end':
      case 'tool_call_end':
        return close(e.block, 'completed');
      case 'usage':
        usage = e.usage;
        return '';
      case 'finish':
        finishReason = e.finishReason;
        return '';
      default:
        return '';
    }
  };

  return {
    event(e: StreamEvent): string {
      if (closed || e.type === 'message_start') return '';
      if (e.type === 'usage' || e.type === 'finish') return handle(e);
      const pre = preamble();
      return pre + handle(e);
    },
    end(): string {
      if (closed) return '';
      closed = true;
      const outcome = mapFinishToResponseStatus(finishReason);
      let out = preamble();
      for (const s of items) if (!s.done) out += closeItem(w, s, outcome.status === 'incomplete' ? 'incomplete' : 'completed');
      return out + w(terminalEvent(outcome), { response: buildResponseObject(ctx, outcome, output(), usage) });
    },
    error(err: HttpError): string {
      if (closed) return '';
      closed = true;
      let out = '';
      if (started) {
        const outcome: ResponseOutcome = { status: 'failed', incomplete_details: null, error: { code: errorCode(err), message: err.message } };
        out += w('response.failed', { response: buildResponseObject(ctx, outcome, output(), usage) });
      }
      return out + w('error', { code: err.code, message: err.message, param: err.param ?? null });
    },
  };
}

function terminalEvent(outcome: ResponseOutcome): string {
  if (outcome.status === 'incomplete') return 'response.incomplete';
  if (outcome.status === 'failed') return 'response.failed';
  return 'response.completed';
}

function errorCode(err: HttpError): ResponsesErrorCode {
  if (err.status === 429) return 'rate_limit_exceeded';
  return 'server_error';
}
