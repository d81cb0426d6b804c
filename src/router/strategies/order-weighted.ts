import type { PlannedTarget } from '../router-types.ts';

/**
 * Weighted random sampling without replacement: the first target is drawn with probability
 * weight / total, the next from the rest, and so on, so the whole order (and every fallback)
 * follows the weights. Weight-0 targets come last, in the input (priority) order: they serve
 * only as fallbacks. `random` returns [0, 1), like `Math.random`.
 */
export function orderWeighted(targets: PlannedTarget[], random: () => number): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const pool: PlannedTarget[] = [];
  const zero: PlannedTarget[] = [];
  let total = 0;
  for (const target of targets) {
    if (target.weight > 0) {
      pool.push(target);
      total += target.weight;
    } else {
      zero.push(target);
    }
  }
  const out: PlannedTarget[] = [];
  while (pool.length > 1) {
    let draw = random() * total;
    let pick = pool.length - 1;
    for (let i = 0; i < pool.length - 1; i++) {
      draw -= pool[i].weight;
      if (draw < 0) {
        pick = i;
        break;
      }
    }
    const chosen = pool[pick];
    out.push(chosen);
    pool.splice(pick, 1);
    total -= chosen.weight;
  }
  if (pool.length === 1) out.push(pool[0]);
  for (const target of zero) out.push(target);
  return out;
}
