import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MASTER_KEY, startHarness, type Harness } from './gateway-harness.ts';
import { providersYaml } from './routing-helpers.ts';

interface TargetView {
  key: string;
  breaker: string;
}

const targets = async (h: Harness): Promise<TargetView[]> => {
  const res = await fetch(`${h.gateway.adminUrl}/admin/v1/targets`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { data: TargetView[] }).data;
};
const breakerOf = async (h: Harness, key: string) => (await targets(h)).find((t) => t.key === key)?.breaker;

describe('active health checks', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      emulators: 2,
      // The breaker would stay open for a minute on its own: only the health check can bring the target back sooner.
      yaml: (u) => providersYaml(u, ['primary', 'backup']) + `
models:
  chat:
    targets: [primary/gpt-4o-mini, backup/gpt-4o-mini]
    retry: { attempts_per_target: 1 }
routing:
  breaker: { consecutive_failures: 2, open_ms: 60000 }
  health_checks: { interval_ms: 100, timeout_ms: 2000 }
`,
    });
  });
  after(() => h.close());

  const ask = () => h.post('/v1/chat/completions', { model: 'chat', messages: [{ role: 'user', content: 'hello' }] });

  test('an open target is probed in the background and closed again once it answers', async () => {
    const [primary] = h.emulators;
    primary.setScenario({ kind: 'down', status: 503 });
    for (let i = 0; i < 2; i++) {
      const res = await ask();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-switchyard-provider'), 'backup');
    }
    // `half_open` while a background probe is in flight, which can be any moment from now on.
    const notClosed = ['open', 'half_open'];
    assert.ok(notClosed.includes((await breakerOf(h, 'primary/gpt-4o-mini'))!), 'the breaker opened');

    // While it is down, probes keep failing and the breaker stays open; user traffic never touches it.
    const before = primary.log.count();
    await new Promise((r) => setTimeout(r, 350));
    assert.ok(notClosed.includes((await breakerOf(h, 'primary/gpt-4o-mini'))!), 'failing probes keep the breaker open');
    const res = await ask();
    assert.equal(res.headers.get('x-switchyard-provider'), 'backup');
    const probes = primary.log.entries().slice(-(primary.log.count() - before));
    assert.ok(probes.length >= 1, 'the down target was probed');
    for (const p of probes) {
      const body = p.body as { max_tokens?: number; max_completion_tokens?: number };
      assert.equal(body.max_completion_tokens ?? body.max_tokens, 1, 'a probe asks for one token');
    }

    primary.setScenario({ kind: 'healthy' });
    const deadline = Date.now() + 3000;
    while ((await breakerOf(h, 'primary/gpt-4o-mini')) !== 'closed') {
      assert.ok(Date.now() < deadline, 'the health check closed the breaker within 3 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const back = await ask();
    assert.equal(back.status, 200);
    assert.equal(back.headers.get('x-switchyard-provider'), 'primary');
  });
});
