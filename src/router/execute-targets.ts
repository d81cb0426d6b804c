import type { UpstreamFailure } from '../upstream/upstream-failure.ts';
import type { PlannedTarget } from './plan-targets.ts';

export type AttemptResult<T> =
  | { ok: true; value: T }
  /** `committed`: bytes already reached the client, so the request cannot move to another target. */
  | { ok: false; failure: UpstreamFailure; committed: boolean };

export interface AttemptRecord {
  provider: string;
  model: string;
  outcome: 'ok' | UpstreamFailure['errorClass'];
  upstreamStatus?: number;
  ms: number;
}

export type Execution<T> =
  | { ok: true; value: T; target: PlannedTarget; attempts: AttemptRecord[] }
  | { ok: false; failure: UpstreamFailure; target: PlannedTarget; attempts: AttemptRecord[]; committed: boolean };

/**
 * Walks the planned targets in order, one attempt each: a failure that says `failover` moves to
 * the next target unless the response is already committed; anything else ends the walk.
 */
export async function executeTargets<T>(
  targets: readonly PlannedTarget[],
  attempt: (target: PlannedTarget) => Promise<AttemptResult<T>>,
  cancelled: () => boolean,
): Promise<Execution<T>> {
  if (targets.length === 0) throw new Error('executeTargets needs at least one target (config validation guarantees it)');
  const attempts: AttemptRecord[] = [];
  let last: Extract<Execution<T>, { ok: false }> | undefined;
  for (const target of targets) {
    const t0 = performance.now();
    const result = await attempt(target);
    const ms = performance.now() - t0;
    if (result.ok) {
      attempts.push({ provider: target.provider, model: target.model, outcome: 'ok', ms });
      return { ok: true, value: result.value, target, attempts };
    }
    const f = result.failure;
    attempts.push({ provider: target.provider, model: target.model, outcome: f.errorClass, upstreamStatus: f.upstreamStatus, ms });
    last = { ok: false, failure: f, target, attempts, committed: result.committed };
    if (f.action !== 'failover' || result.committed || cancelled()) break;
  }
  return last!;
}
