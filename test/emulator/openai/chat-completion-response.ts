import type { ChatPlan } from './chat-plan.ts';
import type { OpenAIUsage } from './usage.ts';

/** Fingerprint reported on every chat response so clients that read it see a stable value. */
export const SYSTEM_FINGERPRINT = 'fp_emulator';

/**
 * The non-streaming `chat.completion` object, field for field as in openai-node
 * `src/resources/chat/completions/completions.ts` (`ChatCompletion`).
 */
export interface ChatCompletionBody {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      annotations: never[];
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    };
    logprobs: null;
    finish_reason: string;
  }>;
  usage: OpenAIUsage;
  service_tier: 'default';
  system_fingerprint: string;
}

export function chatCompletionBody(plan: ChatPlan): ChatCompletionBody {
  const hasTools = plan.toolCalls.length > 0;
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: hasTools ? null : plan.pieces.join(''),
          refusal: null,
          annotations: [],
          ...(hasTools
            ? {
                tool_calls: plan.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function' as const,
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: plan.finishReason,
      },
    ],
    usage: plan.usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}
