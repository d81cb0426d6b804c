import type { ConfigFileTarget } from './config-schema.ts';
import type { ModelTarget } from './types.ts';

/** `provider/model` splits at the first slash: the model part may itself contain slashes. */
export function splitTarget(target: ConfigFileTarget): ModelTarget {
  if (typeof target !== 'string') return { provider: target.provider, model: target.model };
  const slash = target.indexOf('/');
  return { provider: target.slice(0, slash), model: target.slice(slash + 1) };
}
