import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames, type StreamFrame, type StreamPlan } from '../stream-frames.ts';
import { chatCompletionBody } from '../openai/chat-completion-response.ts';
import { chatStreamPlan } from '../openai/chat-completion-stream.ts';
import { planChat } from '../openai/chat-plan.ts';
import { parseChatRequest } from '../openai/chat-request.ts';
import { sendOpenAIError } from '../openai/errors.ts';
import { choiceFilterResults, promptFilterResults } from './content-filter-results.ts';

/**
 * `POST /openai/deployments/{deployment}/chat/completions`: the OpenAI emulator's completion for the
 * deployment (its name is the reported model), annotated as Azure does: `prompt_filter_results` on the
 * response and `content_filter_results` on each choice; a stream opens with a chunk that has empty
 * `choices`, empty `id`/`model`/`object` and the prompt filter results.
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#chat-completions
 */
export async function handleAzureChatCompletions(ctx: RequestContext, deployment: string): Promise<void> {
  const body = ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? { ...ctx.body, model: deployment } : ctx.body;
  const parsed = parseChatRequest(body);
  if (!parsed.ok) {
    sendOpenAIError(ctx, 400, parsed.error);
    return;
  }
  const plan = planChat(parsed.request, ctx.directives, ctx.entry.id);
  if (!parsed.request.stream) {
    const completion = chatCompletionBody(plan);
    sendJson(ctx, 200, {
      ...completion,
      choices: completion.choices.map((c) => ({ ...c, content_filter_results: choiceFilterResults(c.finish_reason) })),
      prompt_filter_results: promptFilterResults(),
    });
    return;
  }
  await streamFrames(ctx, azureStreamPlan(chatStreamPlan(plan, parsed.request.includeUsage, requestIdOf(ctx))));
}

function azureStreamPlan(plan: StreamPlan): StreamPlan {
  const promptFilter = JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: promptFilterResults() });
  return { ...plan, frames: [{ data: promptFilter, content: false }, ...plan.frames.map(annotateFrame)] };
}

function annotateFrame(frame: StreamFrame): StreamFrame {
  if (frame.data === '[DONE]') return frame;
  const chunk = JSON.parse(frame.data) as { choices: Array<{ finish_reason: string | null; content_filter_results?: unknown }> };
  if (chunk.choices.length === 0) return frame;
  for (const choice of chunk.choices) choice.content_filter_results = choice.finish_reason === null ? {} : choiceFilterResults(choice.finish_reason);
  return { ...frame, data: JSON.stringify(chunk) };
}
