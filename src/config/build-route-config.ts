import { DATA_POLICY_DEFAULT, DEFAULT_TARGET_WEIGHT, ROUTE_DEFAULTS } from './config-defaults.ts';
import type { ConfigFileRoute } from './route-schema.ts';
import { isWildcardRoute, routeTargets } from './route-targets.ts';
import type { RouteTargetEntry } from './route-targets.ts';
import type { HedgePolicy, ModelConfig, ModelTarget, ProviderConfig, RetryPolicy } from './types.ts';

type RouteObject = Exclude<ConfigFileRoute, string>;

function buildTarget(entry: RouteTargetEntry, provider: ProviderConfig): ModelTarget {
  const settings = entry.settings;
  const timeouts = settings?.timeouts;
  const policy = settings?.data_policy;
  const inherited = provider.dataPolicy ?? DATA_POLICY_DEFAULT;
  const target: ModelTarget = {
    provider: entry.provider,
    model: entry.model,
    weight: settings?.weight ?? DEFAULT_TARGET_WEIGHT,
    priority: settings?.priority ?? entry.index,
    dataPolicy: {
      dataCollection: policy?.data_collection ?? inherited.dataCollection,
      zdr: policy?.zdr ?? inherited.zdr,
    },
    timeouts: {
      connectMs: provider.timeouts.connectMs,
      firstByteMs: timeouts?.first_byte_ms ?? provider.timeouts.firstByteMs,
      idleMs: timeouts?.idle_ms ?? provider.timeouts.idleMs,
      totalMs: timeouts?.total_ms ?? provider.timeouts.totalMs,
    },
  };
  if (settings?.price != null) target.price = { inputPerMTok: settings.price.input_per_mtok, outputPerMTok: settings.price.output_per_mtok };
  if (settings?.context_window != null) target.contextWindow = settings.context_window;
  return target;
}

function buildRetry(file: RouteObject['retry']): RetryPolicy {
  const d = ROUTE_DEFAULTS.retry;
  return {
    attemptsPerTarget: file?.attempts_per_target ?? d.attemptsPerTarget,
    maxAttempts: file?.max_attempts ?? d.maxAttempts,
    backoffInitialMs: file?.backoff_initial_ms ?? d.backoffInitialMs,
    backoffMaxMs: file?.backoff_max_ms ?? d.backoffMaxMs,
    maxRetryAfterMs: file?.max_retry_after_ms ?? d.maxRetryAfterMs,
  };
}

function buildHedge(file: NonNullable<RouteObject['hedge']>): HedgePolicy {
  if (file.after_ms !== 'p95') return { after: { fixedMs: file.after_ms } };
  const d = ROUTE_DEFAULTS.hedgeP95;
  return { after: { percentile: 'p95', minMs: file.min_ms ?? d.minMs, fallbackMs: file.fallback_ms ?? d.fallbackMs } };
}

/**
 * One route in its runtime shape, every default applied. Assumes cross-checks passed, so each
 * target's provider is in `providers` (already built, with its resolved timeouts and data policy).
 */
export function buildModelConfig(name: string, file: ConfigFileRoute, providers: Readonly<Record<string, ProviderConfig>>): ModelConfig {
  const targets = routeTargets(name, file).map((entry) => buildTarget(entry, providers[entry.provider]));
  const route = typeof file === 'string' ? undefined : file;
  const model: ModelConfig = {
    name,
    aliases: [...(route?.aliases ?? [])],
    wildcard: isWildcardRoute(name),
    strategy: route?.strategy ?? ROUTE_DEFAULTS.strategy,
    targets,
    retry: buildRetry(route?.retry),
    deadlineMs: route?.deadline_ms ?? ROUTE_DEFAULTS.deadlineMs,
    contextWindowFallback: route?.context_window_fallback ?? ROUTE_DEFAULTS.contextWindowFallback,
  };
  if (route?.hedge != null) model.hedge = buildHedge(route.hedge);
  return model;
}
