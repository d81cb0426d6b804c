import type { FinishReason } from '../../canonical/response.ts';

/** OpenAI chat's finish reasons; `error` and `other` have no twin there and read as `stop`. */
export type OpenAIChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export function mapFinishReasonToOpenAI(reason: FinishReason): OpenAIChatFinishReason {
  switch (reason) {
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    default:
      return 'stop';
  }
}
