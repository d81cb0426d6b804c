import type { ProviderConfig } from '../../config/types.ts';

/**
 * The `anthropic-beta` value sent to an Anthropic upstream: the operator's own `headers` entry (always
 * kept) followed by the client's betas that the provider's `allowed_betas` lets through (all of them when
 * it is absent; the others are dropped, so the request runs as without them). Undefined: send none.
 * https://docs.anthropic.com/en/api/beta-headers
 */
export function anthropicBetaHeader(clientBetas: readonly string[] | undefined, p: ProviderConfig): string | undefined {
  const names: string[] = [];
  for (const [header, value] of Object.entries(p.headers)) {
    if (header.toLowerCase() !== 'anthropic-beta') continue;
    for (const part of value.split(',')) {
      const name = part.trim();
      if (name !== '' && !names.includes(name)) names.push(name);
    }
  }
  if (clientBetas !== undefined) {
    for (const name of clientBetas) {
      if (p.allowedBetas !== undefined && !p.allowedBetas.includes(name)) continue;
      if (!names.includes(name)) names.push(name);
    }
  }
  return names.length > 0 ? names.join(',') : undefined;
}
