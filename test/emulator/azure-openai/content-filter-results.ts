/**
 * Azure's content-filter annotations: per prompt (`prompt_filter_results`) and per choice
 * (`content_filter_results`), one entry per harm category with a severity.
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter
 */
export const SAFE_RESULTS = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
} as const;

/** The result the emulator reports when it filters: hate at medium severity. */
export const FILTERED_HATE = { ...SAFE_RESULTS, hate: { filtered: true, severity: 'medium' } } as const;

export function promptFilterResults(): unknown[] {
  return [{ prompt_index: 0, content_filter_results: SAFE_RESULTS }];
}

export function choiceFilterResults(finishReason: string | null): unknown {
  return finishReason === 'content_filter' ? FILTERED_HATE : SAFE_RESULTS;
}
