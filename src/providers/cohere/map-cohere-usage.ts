import type { Usage } from '../../canonical/usage.ts';
import type { CohereUsage } from './cohere-wire-types.ts';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Cohere usage → canonical, billed from `billed_units` (what Cohere invoices; it excludes the prompt
 * template counted in `tokens`). `tokens` is used only when a response has no `billed_units`. Cohere
 * reports `cached_tokens` but prices cached input like any other input, so nothing is moved to
 * `inputCacheRead`; the count stays in `raw`. Reasoning tokens are not broken out, so all output is `outputText`.
 * https://docs.cohere.com/reference/chat#response.body.usage
 */
export function mapCohereUsage(u: CohereUsage): Usage {
  const counts = u.billed_units ?? u.tokens ?? {};
  return {
    inputUncached: n(counts.input_tokens),
    inputCacheRead: 0,
    inputCacheWrite: 0,
    outputText: n(counts.output_tokens),
    outputReasoning: 0,
    raw: u,
  };
}
