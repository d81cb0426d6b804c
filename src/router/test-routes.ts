import type { DataPolicy, ModelConfig, ModelTarget, RouteStrategy } from '../config/types.ts';
import type { HealthView, PlannedTarget, ResolvedRoute, TargetStats } from './router-types.ts';

/** Builders shared by the router's tests: whole config objects, as the config parser produces them. */

const TIMEOUTS = { connectMs: 5000, firstByteMs: 60_000, idleMs: 30_000, totalMs: 600_000 };
const BY_POSITION = -1;
const CAUTIOUS: DataPolicy = { dataCollection: 'allow', zdr: false };

/** `provider/model` plus overrides; without an explicit `priority`, `modelConfig` uses the position. */
export function target(spec: string, fields: Partial<ModelTarget> = {}): ModelTarget {
  const slash = spec.indexOf('/');
  return {
    provider: spec.slice(0, slash),
    model: spec.slice(slash + 1),
    weight: 1,
    priority: BY_POSITION,
    dataPolicy: CAUTIOUS,
    timeouts: TIMEOUTS,
    ...fields,
  };
}

export function modelConfig(name: string, targets: ModelTarget[], fields: Partial<ModelConfig> = {}): ModelConfig {
  return {
    name,
    aliases: [],
    wildcard: name.endsWith('*'),
    strategy: 'priority',
    targets: targets.map((t, i) => (t.priority === BY_POSITION ? { ...t, priority: i } : t)),
    retry: { attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 100, backoffMaxMs: 2000, maxRetryAfterMs: 10_000 },
    deadlineMs: 600_000,
    contextWindowFallback: true,
    ...fields,
  };
}

/** A resolved exact route: targets keyed `provider/model`, with default priorities by position. */
export function route(name: string, specs: (string | ModelTarget)[], strategy: RouteStrategy = 'priority'): ResolvedRoute {
  const config = modelConfig(name, specs.map((s) => (typeof s === 'string' ? target(s) : s)), { strategy });
  const targets: PlannedTarget[] = config.targets.map((t) => ({ ...t, key: `${t.provider}/${t.model}`, route: name }));
  return { requested: name, config, targets };
}

/** A HealthView over fixed stats; keys not listed are fresh (no samples, breaker closed). */
export function fakeHealth(stats: Record<string, Partial<TargetStats>> = {}, unavailable: string[] = []): HealthView {
  return {
    stats: (key) => ({ key, breaker: 'closed', inFlight: 0, windowAttempts: 0, windowFailures: 0, consecutiveFailures: 0, ...stats[key] }),
    measures: (key) => ({ inFlight: 0, ...stats[key] }),
    available: (key) => !unavailable.includes(key),
  };
}

/** The emulator's seeded PRNG, so distribution tests are repeatable. */
export { seededRandom } from '../../test/emulator/seeded-random.ts';

export const keys = (targets: readonly PlannedTarget[]): string[] => targets.map((t) => t.key);
