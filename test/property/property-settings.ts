import type { Parameters } from 'fast-check';

/**
 * fast-check settings shared by the property tests: a bounded number of runs so CI stays quick,
 * and a seed taken from `SWITCHYARD_PROPERTY_SEED` when set, so a failure seen in CI (fast-check
 * prints the seed and the shrunk counterexample) replays exactly. `SWITCHYARD_PROPERTY_RUNS`
 * raises the run count for a longer local search.
 */
export function propertyParams<T>(numRuns = 200): Parameters<T> {
  const seed = process.env.SWITCHYARD_PROPERTY_SEED;
  const runs = process.env.SWITCHYARD_PROPERTY_RUNS;
  const params: Parameters<T> = { numRuns: runs ? Number(runs) : numRuns };
  if (seed !== undefined && seed !== '') params.seed = Number(seed);
  return params;
}
