import type { ModelConfig, ModelTarget } from '../config/types.ts';

/** A target the executor may try, in order. */
export type PlannedTarget = ModelTarget;

/** Ordered targets for a model: the configured order (strategies arrive with the routing work). */
export function planTargets(model: ModelConfig): readonly PlannedTarget[] {
  return model.targets;
}
