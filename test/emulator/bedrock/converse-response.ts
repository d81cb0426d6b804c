import type { ConversePlan } from './converse-plan.ts';

/**
 * The non-streaming Converse response: output.message (reasoning block first when planned, then
 * text or toolUse blocks), stopReason, usage, metrics.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function converseResponseBody(plan: ConversePlan): Record<string, unknown> {
  const content: unknown[] = [];
  if (plan.reasoning.length > 0) content.push({ reasoningContent: { reasoningText: { text: plan.reasoning.join(''), signature: plan.reasoningSignature } } });
  if (plan.toolCalls.length > 0) {
    for (const c of plan.toolCalls) content.push({ toolUse: { toolUseId: c.id, name: c.name, input: JSON.parse(c.arguments) as unknown } });
  } else {
    content.push({ text: plan.pieces.join('') });
  }
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: plan.stopReason,
    usage: plan.usage,
    metrics: { latencyMs: plan.latencyMs },
  };
}
