import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyUsage, MAX_REPORTED_TOKENS, saneOutputTokens, usageIsSane, type Usage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { ModelPrice } from '../pricing/model-price.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import { newRequestContext } from './request-context.ts';

const PRICE = { inputPerMTok: 1_000_000, cacheReadPerMTok: 0, cacheWritePerMTok: 0, outputPerMTok: 2_000_000, reasoningPerMTok: 2_000_000 } as ModelPrice;
const rt = (price: ModelPrice | undefined = PRICE) => ({ prices: { lookup: () => price } }) as unknown as Runtime;
const usage = (over: Partial<Usage>): Usage => ({ ...emptyUsage(), ...over });
const ctx = () => Object.assign(newRequestContext('req_1', 'chat.completions'), { provider: 'p', upstreamModel: 'm' });

test('usageIsSane: non-negative safe integers up to the cap', () => {
  assert.equal(usageIsSane(usage({ inputUncached: MAX_REPORTED_TOKENS, outputText: 0 })), true);
  for (const bad of [MAX_REPORTED_TOKENS + 1, 1e300, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(usageIsSane(usage({ outputReasoning: bad })), false, String(bad));
  }
  assert.equal(saneOutputTokens(usage({ outputText: 3, outputReasoning: 2 })), 5);
  assert.equal(saneOutputTokens(usage({ outputText: 1e300 })), undefined);
  assert.equal(saneOutputTokens(undefined), undefined);
});

test('meterUsage prices sane usage', () => {
  const c = ctx();
  meterUsage(c, rt(), usage({ inputUncached: 1000, outputText: 500, raw: { prompt_tokens: 1000 } }), 'reported');
  assert.equal(c.usageInvalid, null);
  assert.equal(c.costMicros, 2000);
  assert.equal(costHeader(c), '0.002000');
});

test('meterUsage keeps absurd usage as raw text, with zero counts and no cost, and never throws', () => {
  const c = ctx();
  meterUsage(c, rt(), usage({ inputUncached: 1e300, raw: { prompt_tokens: 1e300, note: 'x'.repeat(5000) } }), 'reported');
  assert.deepEqual(c.usage, emptyUsage());
  assert.equal(c.costMicros, null);
  assert.equal(costHeader(c), 'unpriced');
  assert.ok(c.usageInvalid?.startsWith('{"prompt_tokens":1e+300'));
  assert.equal(c.usageInvalid?.length, 1024);

  const noRaw = ctx();
  meterUsage(noRaw, rt(), usage({ outputText: Number.POSITIVE_INFINITY }), 'estimated');
  assert.match(noRaw.usageInvalid ?? '', /"outputText":"Infinity"/);
});

test('a cost beyond the safe range is unpriced rather than a throw', () => {
  const c = ctx();
  const absurdPrice = { ...PRICE, inputPerMTok: Number.MAX_SAFE_INTEGER } as ModelPrice;
  meterUsage(c, rt(absurdPrice), usage({ inputUncached: MAX_REPORTED_TOKENS }), 'reported');
  assert.equal(c.costMicros, null);
  assert.equal(c.usageInvalid, null);
});
