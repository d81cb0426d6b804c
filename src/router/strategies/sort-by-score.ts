import type { PlannedTarget } from '../router-types.ts';

/**
 * Targets by ascending score, ties kept in input order (stable). A plain insertion sort over
 * parallel arrays: a route has a handful of targets, so this beats `Array.prototype.sort` with a
 * comparator closure, and an already ordered input costs one pass. Returns the input itself when
 * it is already in order, so callers must treat results as read-only. Scores may be ±Infinity
 * (to put unmeasured targets first or last), never NaN; `scores` is reordered in place.
 */
export function sortByScore(targets: PlannedTarget[], scores: number[]): PlannedTarget[] {
  let sorted = true;
  for (let i = 1; i < scores.length; i++) {
    if (scores[i] < scores[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return targets;
  const out = targets.slice();
  for (let i = 1; i < out.length; i++) {
    const target = out[i];
    const score = scores[i];
    let j = i - 1;
    while (j >= 0 && scores[j] > score) {
      out[j + 1] = out[j];
      scores[j + 1] = scores[j];
      j--;
    }
    out[j + 1] = target;
    scores[j + 1] = score;
  }
  return out;
}
