import type { HealthView, PlannedTarget } from '../router-types.ts';
import { sortByScore } from './sort-by-score.ts';

/**
 * Orderings from what the gateway has measured per target. The input arrives in priority order,
 * and every sort here is stable, so ties and unmeasured targets keep priority order.
 */

/**
 * Fastest first by moving-average time to first token (streams) or whole-response latency.
 * Targets with no sample yet go first, so a new or recovered target gets measured instead of
 * being starved by the ones that already have numbers.
 */
export function orderByLatency(targets: PlannedTarget[], health: HealthView, stream: boolean): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const scores = new Array<number>(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const stats = health.measures(targets[i].key);
    scores[i] = (stream ? stats.ttftMs : stats.latencyMs) ?? Number.NEGATIVE_INFINITY;
  }
  return sortByScore(targets, scores);
}

/** Fewest requests in flight first. */
export function orderByLeastInFlight(targets: PlannedTarget[], health: HealthView): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const scores = new Array<number>(targets.length);
  for (let i = 0; i < targets.length; i++) scores[i] = health.measures(targets[i].key).inFlight;
  return sortByScore(targets, scores);
}

/** Highest output tokens per second first; targets not measured yet go first (exploration). */
export function orderByThroughput(targets: PlannedTarget[], health: HealthView): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const scores = new Array<number>(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const throughput = health.measures(targets[i].key).throughput;
    scores[i] = throughput === undefined ? Number.NEGATIVE_INFINITY : -throughput;
  }
  return sortByScore(targets, scores);
}
