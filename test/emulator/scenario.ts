import type { Directives } from './directives.ts';

/**
 * What a whole emulator instance does, set at runtime with `setScenario` so a multi-target routing
 * test can take one target down, make it flap, slow it or throttle it while the others stay healthy.
 * A scenario overrides every other directive source for the keys it sets.
 */
export type Scenario =
  | { kind: 'healthy' }
  /** Every request fails: with `status` (default 503) in the provider's error shape, or with `reset` the connection is destroyed unanswered. */
  | { kind: 'down'; status?: number; reset?: boolean }
  /** Each request fails with probability `failRate` (the emulator's `random`/`seed`), answering `status` (default 503). */
  | { kind: 'flapping'; failRate: number; status?: number }
  /** `latencyMs` before the headers; streams also wait `firstTokenMs` before the first token and `tokenDelayMs` between frames. */
  | { kind: 'slow'; latencyMs?: number; firstTokenMs?: number; tokenDelayMs?: number }
  /** Every request gets a 429 with `retry-after: <retryAfterSeconds>` (and the provider's own retry hints). */
  | { kind: 'throttled'; retryAfterSeconds: number };

/** The directives a scenario stands for; `undefined` for a healthy instance (no layer at all). */
export function scenarioDirectives(s: Scenario): Directives | undefined {
  switch (s.kind) {
    case 'healthy':
      return undefined;
    case 'down':
      return s.reset === true ? { hang: false, reset: true } : { hang: false, reset: false, fail_rate: 0, status: s.status ?? 503 };
    case 'flapping':
      return { hang: false, reset: false, fail_rate: s.failRate, fail_status: s.status ?? 503 };
    case 'slow':
      return dropUndefined({ latency_ms: s.latencyMs, first_token_ms: s.firstTokenMs, token_delay_ms: s.tokenDelayMs });
    case 'throttled':
      return { hang: false, reset: false, fail_rate: 0, status: 429, retry_after: s.retryAfterSeconds };
  }
}

function dropUndefined(d: Directives): Directives {
  const out: Directives = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
