import type { PlannedTarget } from '../router-types.ts';
import { sortByScore } from './sort-by-score.ts';

/**
 * Ascending `priority`, ties in config order. Every other strategy starts from this order, so
 * their ties fall back to priority too. Returns the input when it is already in order (the usual
 * case: the default priority is the target's position).
 */
export function orderByPriority(targets: PlannedTarget[]): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const scores = new Array<number>(targets.length);
  for (let i = 0; i < targets.length; i++) scores[i] = targets[i].priority;
  return sortByScore(targets, scores);
}
