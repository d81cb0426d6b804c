import { z } from 'zod';
import { nearestName } from './nearest-name.ts';
import {
  boundedNumber,
  dataPolicySchema,
  flag,
  integer,
  modelNamePattern,
  modelString,
  MS_PER_DAY,
  MS_PER_HOUR,
  price,
  PROVIDER_ID_PATTERN,
  providerIdString,
  TARGET_MODEL_PATTERN,
} from './schema-fields.ts';

const targetShorthand = new RegExp(`^${PROVIDER_ID_PATTERN}/${TARGET_MODEL_PATTERN}$`);
const targetModel = new RegExp(`^${TARGET_MODEL_PATTERN}$`);

export const ROUTE_STRATEGIES = ['priority', 'weighted', 'latency', 'least-inflight', 'cost'] as const;

/** Why `name` cannot be a route key, or undefined. A trailing `*` makes a wildcard (prefix) route; `*` alone catches all. */
export function routeNameProblem(name: string): string | undefined {
  const star = name.indexOf('*');
  if (star !== -1 && star !== name.length - 1) return '"*" may only end a route name (e.g. "openai/*", or "*" alone to catch every model)';
  const prefix = star === -1 ? name : name.slice(0, -1);
  if (star !== -1 && prefix === '') return undefined;
  if (!modelNamePattern.test(prefix)) return 'model names are letters, digits and . _ : / @ + -, up to 128 characters (a trailing "*" makes a wildcard route)';
  return undefined;
}

const routeName = z.string().superRefine((name, ctx) => {
  const problem = routeNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: name });
});

const targetString = z.string().regex(targetShorthand, 'expected "provider/model", e.g. "openai/gpt-4o-mini"');

const CONNECT_PER_PROVIDER =
  'connect_ms cannot be set per target: connections are pooled per provider, so set it under providers.<id>.timeouts (or upstream_defaults.timeouts)';

/**
 * Per-target overrides of the provider's timeouts. `connect_ms` gets its own explanation rather
 * than a bare "unknown key": the connection belongs to the provider's pool, not to one target.
 */
const targetTimeouts = z.preprocess(
  (value, ctx) => {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, 'connect_ms')) return value;
    ctx.addIssue({ code: 'custom', message: CONNECT_PER_PROVIDER, path: ['connect_ms'], input: value });
    return value;
  },
  z.strictObject({
    first_byte_ms: integer(1, MS_PER_DAY).nullish(),
    idle_ms: integer(1, MS_PER_DAY).nullish(),
    total_ms: integer(1, MS_PER_DAY).nullish(),
  }),
);

const targetObject = z.strictObject({
  provider: providerIdString,
  model: z.string().regex(targetModel, 'must be a model name of letters, digits and . _ : / @ + - (and "*" in a wildcard route)'),
  weight: boundedNumber(0, 1_000_000).nullish(),
  priority: integer(0, 1_000_000).nullish(),
  price: z.strictObject({ input_per_mtok: price, output_per_mtok: price }).nullish(),
  data_policy: dataPolicySchema.nullish(),
  context_window: integer(1, 100_000_000).nullish(),
  timeouts: targetTimeouts.nullish(),
});

const targetSchema = z.union([targetString, targetObject], 'expected "provider/model" or { provider, model }');

const strategy = z.enum(ROUTE_STRATEGIES, {
  error: (issue) => {
    const allowed = ROUTE_STRATEGIES.join(', ');
    const suggestion = typeof issue.input === 'string' ? nearestName(issue.input, ROUTE_STRATEGIES) : undefined;
    return `must be one of: ${allowed}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
  },
});

const retrySchema = z.strictObject({
  attempts_per_target: integer(1, 10).nullish(),
  max_attempts: integer(1, 50).nullish(),
  backoff_initial_ms: integer(0, 60_000).nullish(),
  backoff_max_ms: integer(0, MS_PER_HOUR).nullish(),
  max_retry_after_ms: integer(0, MS_PER_HOUR).nullish(),
});

const hedgeAfterError = (issue: { input?: unknown }): string =>
  issue.input === undefined ? 'required: a number of milliseconds (e.g. 800) or p95' : 'must be a number of milliseconds (e.g. 800) or p95';

/** `after_ms: 800` hedges at a fixed delay; `after_ms: p95` at the target's p95 time to first token, bounded by `min_ms`. */
const hedgeSchema = z.strictObject({
  after_ms: z.union([integer(1, MS_PER_HOUR), z.literal('p95', { error: hedgeAfterError })], { error: hedgeAfterError }),
  min_ms: integer(1, MS_PER_HOUR).nullish(),
  fallback_ms: integer(1, MS_PER_HOUR).nullish(),
});

const routeObject = z.strictObject({
  targets: z.array(targetSchema).min(1, 'at least one target is required'),
  strategy: strategy.nullish(),
  aliases: z.array(modelString).nullish(),
  retry: retrySchema.nullish(),
  deadline_ms: integer(1, MS_PER_DAY).nullish(),
  context_window_fallback: flag.nullish(),
  hedge: hedgeSchema.nullish(),
});

const routeSchema = z.union([targetString, routeObject], 'expected "provider/model" or { targets: [...] }');

/** `models:` — public name (or `prefix*` pattern) → a shorthand target or a route. */
export const modelsSchema = z.record(routeName, routeSchema);

export type ConfigFileRoute = z.output<typeof routeSchema>;
export type ConfigFileTarget = z.output<typeof targetSchema>;
export type ConfigFileTargetObject = z.output<typeof targetObject>;
