import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { Usage } from '../../canonical/usage.ts';
import { openAIErrorBody, type HttpError } from '../../server/http-error.ts';
import type { EncodeContext, StreamEncoder } from '../inbound-codec.ts';
import { chatCompletionId } from './encode-openai-chat-response.ts';
import { encodeOpenAIChatUsage } from './encode-openai-chat-usage.ts';
import { mapFinishReasonToOpenAI } from './map-finish-reason-to-openai.ts';

const ROLE_DELTA = '{"role":"assistant","content":"","refusal":null}';

/**
 * Canonical events → `chat.completion.chunk` frames exactly as OpenAI streams them: a role chunk,
 * content / `reasoning_content` / tool-call deltas (a call's first delta carries its `index`, `id`,
 * `type` and `name` with `arguments: ''`, later ones only argument fragments), a chunk with the
 * finish reason, then, only when the client asked for `stream_options.include_usage`, a usage chunk
 * with `choices: []` (every earlier chunk then carries `"usage":null`), then `data: [DONE]`.
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
export function createOpenAIChatStreamEncoder(ctx: EncodeContext): StreamEncoder {
  const head = JSON.stringify({ id: chatCompletionId(ctx.requestId), object: 'chat.completion.chunk', created: ctx.createdAt, model: ctx.publicModel }).slice(0, -1);
  const open = `data: ${head},"choices":[{"index":0,"delta":`;
  const tail = ctx.includeUsage ? '}],"usage":null}\n\n' : '}]}\n\n';
  const toolIndex = new Map<number, number>();
  let roleSent = false;
  let usage: Usage | undefined;

  const chunk = (delta: string, finishReason = 'null'): string => {
    const frame = `${open}${delta},"logprobs":null,"finish_reason":${finishReason}${tail}`;
    if (roleSent) return frame;
    roleSent = true;
    return `${open}${ROLE_DELTA},"logprobs":null,"finish_reason":null${tail}${frame}`;
  };

  return {
    event(e: StreamEvent): string {
      switch (e.type) {
        case 'message_start':
          if (roleSent) return '';
          roleSent = true;
          return `${open}${ROLE_DELTA},"logprobs":null,"finish_reason":null${tail}`;
        case 'text_delta':
          return e.text === '' ? '' : chunk(`{"content":${JSON.stringify(e.text)}}`);
        case 'reasoning_delta':
          return e.text === '' ? '' : chunk(`{"reasoning_content":${JSON.stringify(e.text)}}`);
        case 'tool_call_start': {
          const index = toolIndex.size;
          toolIndex.set(e.block, index);
          const call = { index, id: e.id, type: 'function', function: { name: e.name, arguments: '' } };
          return chunk(`{"tool_calls":[${JSON.stringify(call)}]}`);
        }
        case 'tool_call_delta': {
          const index = toolIndex.get(e.block);
          if (index === undefined || e.argumentsDelta === '') return '';
          return chunk(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(e.argumentsDelta)}}}]}`);
        }
        case 'usage':
          usage = e.usage;
          return '';
        case 'finish':
          return chunk('{}', `"${mapFinishReasonToOpenAI(e.finishReason)}"`);
        default:
          return '';
      }
    },
    end(): string {
      const usageFrame = ctx.includeUsage && usage ? `data: ${head},"choices":[],"usage":${JSON.stringify(encodeOpenAIChatUsage(usage))}}\n\n` : '';
      return `${usageFrame}data: [DONE]\n\n`;
    },
    error(err: HttpError): string {
      return `data: ${openAIErrorBody(err.type, err.code, err.message, err.param)}\n\n`;
    },
  };
}
