import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordView } from './record-view.ts';
import { emptyUsage } from '../canonical/usage.ts';
import type { RequestRecord } from '../store/store-types.ts';

const base: RequestRecord = {
  id: 'req_1', clientRequestId: null, startedAt: Date.UTC(2026, 0, 2), keyId: 'key_1', endpoint: 'chat.completions', requestedModel: 'fast',
  provider: 'beta', upstreamModel: 'b-1', stream: false, status: 200, errorClass: null, errorMessage: null, latencyMs: 300,
  ttftMs: 120, usage: emptyUsage(), usageSource: 'reported', costMicros: 1_500_000, attempts: 2, attemptLog: [],
};

test('record view: each attempt is shown with its cost as a USD decimal, next to the attempt count', () => {
  const view = recordView({
    ...base,
    attemptLog: [
      { provider: 'alpha', model: 'a-1', outcome: 'upstream_unavailable', upstreamStatus: 503, startMs: 0, latencyMs: 40, hedge: false, costMicros: null },
      { provider: 'beta', model: 'b-1', outcome: 'ok', upstreamStatus: 200, startMs: 40, latencyMs: 260, hedge: true, costMicros: 1234 },
    ],
  });
  assert.equal(view.attempts, 2);
  assert.equal(view.cost_usd, '1.500000');
  assert.deepEqual(view.attempt_log, [
    { provider: 'alpha', model: 'a-1', outcome: 'upstream_unavailable', upstream_status: 503, start_ms: 0, latency_ms: 40, hedge: false, cost_usd: null },
    { provider: 'beta', model: 'b-1', outcome: 'ok', upstream_status: 200, start_ms: 40, latency_ms: 260, hedge: true, cost_usd: '0.001234' },
  ]);
});

test('record view: a request that never reached a provider has an empty attempt log', () => {
  const view = recordView({ ...base, provider: null, status: 401, errorClass: 'auth', costMicros: null, attempts: 0 });
  assert.deepEqual(view.attempt_log, []);
  assert.equal(view.cost_usd, null);
});
