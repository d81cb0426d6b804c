import { nearestName } from './nearest-name.ts';

/** "unknown provider" naming the defined ids and the nearest one, so a typo is fixed from the message alone. */
export function unknownProviderMessage(name: string, defined: string[]): string {
  if (defined.length === 0) return `unknown provider "${name}" (no providers are defined under "providers:")`;
  const suggestion = nearestName(name, defined);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return `unknown provider "${name}" (defined: ${defined.join(', ')}${hint})`;
}
