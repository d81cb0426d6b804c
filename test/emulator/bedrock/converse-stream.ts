import { encodeEventStreamMessage } from '../../../src/streaming/aws-event-stream/encode-event-stream-message.ts';
import type { ConversePlan } from './converse-plan.ts';
import type { BinaryFrame } from './write-binary-frames.ts';

/** Bedrock pads event payloads with a `p` field of varying length (against length side channels); the emulator does too. */
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function event(type: string, payload: Record<string, unknown>, n: number): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ ...payload, p: PADDING.slice(0, 1 + (n % PADDING.length)) }),
  );
}

/** An exception message in the stream (`:message-type: exception`), as ConverseStream sends mid-stream errors. */
export function exceptionFrame(type: string, message: string): Buffer {
  return encodeEventStreamMessage({ ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}

/**
 * The ConverseStream events for a plan, each a binary event-stream message with valid CRCs:
 * messageStart; a reasoning block (reasoningContent text deltas, then its signature); then either
 * text deltas or, per tool call, contentBlockStart(toolUse) + toolUse.input fragments; each block
 * closed by contentBlockStop; messageStop(stopReason); metadata(usage, metrics).
 * `content` marks frames carrying visible tokens (text or tool arguments), which `cut_after` /
 * `hang_after` count, as in the OpenAI emulator.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export function converseStreamFrames(plan: ConversePlan): BinaryFrame[] {
  const frames: BinaryFrame[] = [];
  const push = (type: string, payload: Record<string, unknown>, content = false): void => {
    frames.push({ bytes: event(type, payload, frames.length), content });
  };
  push('messageStart', { role: 'assistant' });
  let index = 0;
  if (plan.reasoning.length > 0) {
    for (const text of plan.reasoning) push('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text } } });
    push('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: plan.reasoningSignature } } });
    push('contentBlockStop', { contentBlockIndex: index });
    index++;
  }
  if (plan.toolCalls.length > 0) {
    for (const call of plan.toolCalls) {
      push('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: call.id, name: call.name } } });
      for (const input of call.fragments) push('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input } } }, true);
      push('contentBlockStop', { contentBlockIndex: index });
      index++;
    }
  } else if (plan.pieces.length > 0) {
    for (const text of plan.pieces) push('contentBlockDelta', { contentBlockIndex: index, delta: { text } }, true);
    push('contentBlockStop', { contentBlockIndex: index });
  }
  push('messageStop', { stopReason: plan.stopReason });
  push('metadata', { usage: plan.usage, metrics: { latencyMs: plan.latencyMs } });
  return frames;
}

/** Sent after the first content frame when `malformed_sse=1`: a well-framed message whose message CRC is wrong. */
export function malformedFrame(): Buffer {
  const bytes = event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'corrupted' } }, 0);
  bytes[bytes.length - 1] ^= 0xff;
  return bytes;
}
