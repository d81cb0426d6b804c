import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedRandom, sleep, startFleet, user, type Fleet } from './resilience-harness.ts';

/**
 * Circuit breakers over real HTTP. Every request of route `pair` tries a first (once: no retries),
 * then b, so the down target's request count is exactly the number of attempts its breaker let through.
 */
const PAIR = `
models:
  pair:
    targets: [a/m, b/m]
    retry: { attempts_per_target: 1 }
`;

describe('circuit breaker: consecutive failures, half-open probe, doubling', () => {
  let f: Fleet;
  before(async () => {
    f = await startFleet({
      emulators: { a: {}, b: {} },
      yaml: `${PAIR}
routing:
  breaker: { consecutive_failures: 3, min_requests: 1000000, open_ms: 400, max_open_ms: 5000 }
`,
    });
  });
  after(() => f.close());

  const ask = async () => {
    const res = await f.chat({ model: 'pair', messages: user('hello') });
    assert.equal(res.status, 200, await res.clone().text());
    return { provider: res.headers.get('x-switchyard-provider'), attempts: res.headers.get('x-switchyard-attempts') };
  };
  const concurrently = (n: number) => Promise.all(Array.from({ length: n }, ask));
  const probeDue = async () => {
    const t = (await f.targets())['a/m'];
    assert.equal(t.breaker, 'open');
    const wait = Date.parse(t.probe_at!) - Date.now();
    await sleep(Math.max(0, wait) + 30);
  };

  test('opens after consecutive failures, probes once when open_ms is over, doubles on a failed probe, closes on success', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 503 });

    for (let i = 1; i <= 3; i++) {
      assert.deepEqual(await ask(), { provider: 'b', attempts: '2' });
      const t = (await f.targets())['a/m'];
      assert.equal(t.breaker, i < 3 ? 'closed' : 'open', `after ${i} failures`);
      if (i < 3) assert.equal(t.consecutive_failures, i);
    }
    const opened = Date.now();
    const view = (await f.targets())['a/m'];
    const probeIn = Date.parse(view.probe_at!) - opened;
    assert.ok(probeIn > 300 && probeIn <= 400, `first probe due in ${probeIn} ms`);

    // Open: the down target gets nothing more.
    for (let i = 0; i < 5; i++) assert.deepEqual(await ask(), { provider: 'b', attempts: '1' });
    assert.equal(f.emu.a.log.count(), 3);

    // Half-open: of 6 concurrent requests exactly one probes (the slow probe is still running when the others plan).
    await probeDue();
    f.emu.a.setDefaults({ latency_ms: 300 });
    const during = concurrently(6);
    await f.emu.a.log.waitFor((e) => e.id === 4, 2000);
    assert.equal((await f.targets())['a/m'].breaker, 'half_open');
    assert.ok((await during).every((r) => r.provider === 'b'));
    assert.equal(f.emu.a.log.count(), 4, 'one probe');

    // The failed probe re-opens it for twice as long.
    const reopened = (await f.targets())['a/m'];
    assert.equal(reopened.breaker, 'open');
    const secondProbeIn = Date.parse(reopened.probe_at!) - f.emu.a.log.entries()[3].finishedAt!;
    assert.ok(secondProbeIn >= 795 && secondProbeIn <= 950, `second probe due ${secondProbeIn} ms after the failed probe`);
    await sleep(450);
    assert.deepEqual(await ask(), { provider: 'b', attempts: '1' });
    assert.equal(f.emu.a.log.count(), 4, 'still open after the first open period');

    // A successful probe closes it, and the target gets its traffic back.
    await probeDue();
    f.emu.a.setScenario({ kind: 'healthy' });
    const probing = concurrently(6);
    await f.emu.a.log.waitFor((e) => e.id === 5, 2000);
    const results = await probing;
    assert.equal(f.emu.a.log.count(), 5, 'one probe');
    assert.deepEqual(results.filter((r) => r.provider === 'a'), [{ provider: 'a', attempts: '1' }]);
    const closed = (await f.targets())['a/m'];
    assert.equal(closed.breaker, 'closed');
    assert.equal(closed.probe_at, null);
    assert.equal(closed.consecutive_failures, 0);
    f.emu.a.setDefaults({});
    assert.deepEqual(await concurrently(3), Array(3).fill({ provider: 'a', attempts: '1' }));
    assert.equal(f.emu.a.log.count(), 8);
  });

  test('every target open: 503 no_healthy_target with a Retry-After, and no upstream call', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 500 });
    f.emu.b.setScenario({ kind: 'down', status: 500 });
    f.emu.a.log.clear();
    f.emu.b.log.clear();
    // Each request fails on both; three in a row open both breakers.
    for (let i = 0; i < 3; i++) assert.equal((await f.chat({ model: 'pair', messages: user('x') })).status, 502);
    const targets = await f.targets();
    assert.equal(targets['a/m'].breaker, 'open');
    assert.equal(targets['b/m'].breaker, 'open');
    const res = await f.chat({ model: 'pair', messages: user('x') });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'no_healthy_target');
    assert.match(body.error.message, /a\/m, b\/m/);
    assert.equal(f.emu.a.log.count() + f.emu.b.log.count(), 6);
  });
});

describe('circuit breaker: error rate over a window with min_requests', () => {
  let f: Fleet;
  const a = scriptedRandom();
  before(async () => {
    f = await startFleet({
      emulators: { a: { random: a.random }, b: {} },
      yaml: `${PAIR}
routing:
  breaker: { consecutive_failures: 1000, error_rate: 0.5, min_requests: 10, window_ms: 60000, open_ms: 60000 }
`,
    });
  });
  after(() => f.close());

  test('half the attempts failing opens it only once the window holds min_requests attempts', async () => {
    // a alternates success, failure (never two failures in a row): 1 of 2 fail at once, but 2 < min_requests.
    f.emu.a.setScenario({ kind: 'flapping', failRate: 0.5, status: 500 });
    a.script.push(...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.9 : 0.1)));
    const ask = async () => (await f.chat({ model: 'pair', messages: user('x') })).status;

    for (let i = 0; i < 2; i++) assert.equal(await ask(), 200);
    let t = (await f.targets())['a/m'];
    assert.deepEqual([t.breaker, t.window_attempts, t.window_failures, t.error_rate], ['closed', 2, 1, 0.5]);

    for (let i = 2; i < 9; i++) assert.equal(await ask(), 200);
    t = (await f.targets())['a/m'];
    assert.deepEqual([t.breaker, t.window_attempts, t.window_failures, t.consecutive_failures], ['closed', 9, 4, 0]);

    // The 10th attempt fails: 5 of 10.
    assert.equal(await ask(), 200);
    t = (await f.targets())['a/m'];
    assert.equal(t.breaker, 'open');
    assert.equal(t.consecutive_failures, 1);

    for (let i = 0; i < 5; i++) assert.equal(await ask(), 200);
    assert.equal(f.emu.a.log.count(), 10);
    assert.equal(f.emu.b.log.count(), 10);
  });
});
