/**
 * Rough token estimate (4 characters a token) for requests cut short before the provider reported
 * usage: a client that disconnects is still billed for the prompt the provider already processed.
 * Records made from estimates say so (`usage_source = estimated`).
 */
export function estimatePromptTokens(body: Record<string, unknown>): number {
  let chars = 0;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (typeof v === 'string') chars += v.length;
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(body.messages ?? body.input, 0);
  return Math.ceil(chars / 4);
}

/**
 * The estimate `POST /v1/messages/count_tokens` answers for a provider that cannot count: the same
 * 4 characters a token over the text of `system` and `messages`, plus the JSON of `tools` (their
 * names, descriptions and schemas are part of the prompt). It is an estimate: real tokenizers differ.
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  const tools = Array.isArray(body.tools) && body.tools.length > 0 ? Math.ceil(JSON.stringify(body.tools).length / 4) : 0;
  return estimatePromptTokens({ messages: [body.system ?? '', body.messages ?? []] }) + tools;
}
