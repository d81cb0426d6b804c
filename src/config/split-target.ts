import type { ConfigFileTarget } from './route-schema.ts';

/** Where a target sends requests, before any of its routing settings. */
export interface TargetRef {
  provider: string;
  model: string;
}

/** `provider/model` splits at the first slash: the model part may itself contain slashes. */
export function splitTarget(target: ConfigFileTarget): TargetRef {
  if (typeof target !== 'string') return { provider: target.provider, model: target.model };
  const slash = target.indexOf('/');
  return { provider: target.slice(0, slash), model: target.slice(slash + 1) };
}
