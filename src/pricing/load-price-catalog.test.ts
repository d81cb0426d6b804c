import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPriceCatalog, parsePriceCatalog, PriceCatalogError } from './load-price-catalog.ts';

const SOURCE = 'https://example.com/pricing';

function catalogJson(prices: unknown[]): unknown {
  return { version: '2026-11-01', currency: 'USD', unit: 'USD per 1M tokens', prices };
}

const mini = { provider: 'openai', model: 'gpt-4o-mini', effective_from: '2024-07-18', input: '0.15', output: '0.60', cache_read: '0.075', source: SOURCE };

test('converts decimal strings to integer micro-USD per million tokens', () => {
  const catalog = parsePriceCatalog(catalogJson([
    mini,
    { provider: 'anthropic', model: 'claude-haiku-4-5', effective_from: '2025-10-15', input: '1', output: '5', cache_read: '0.10', cache_write: '1.25', reasoning: '5', source: SOURCE },
  ]));
  assert.equal(catalog.version, '2026-11-01');
  assert.equal(catalog.currency, 'USD');
  assert.deepEqual(catalog.prices[0], {
    provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', inputPerMTok: 150_000, outputPerMTok: 600_000, cacheReadPerMTok: 75_000, source: SOURCE,
  });
  assert.equal(catalog.prices[1].cacheWritePerMTok, 1_250_000);
  assert.equal(catalog.prices[1].reasoningPerMTok, 5_000_000);
  assert.equal('cacheWritePerMTok' in catalog.prices[0], false, 'absent prices stay absent');
});

test('a bad entry is an error naming the entry and the field', () => {
  const bad = { ...mini, model: 'gpt-x', effective_from: '2024-01-01', input: '-1' };
  assert.throws(() => parsePriceCatalog(catalogJson([mini, bad]), 'price-catalog.json'), (error: unknown) => {
    assert.ok(error instanceof PriceCatalogError);
    assert.match(error.message, /^price-catalog\.json is invalid:/);
    assert.match(error.message, /prices\[1\] \(openai\/gpt-x from 2024-01-01\)\.input: invalid amount "-1": negative amounts are not allowed/);
    return true;
  });
});

test('rejects misspelled keys, numeric prices, impossible dates, bad sources and unknown units', () => {
  const cases: Array<[unknown, RegExp]> = [
    [catalogJson([{ ...mini, cache_reads: '0.1' }]), /prices\[0\] \(openai\/gpt-4o-mini from 2024-07-18\)/],
    [catalogJson([{ ...mini, input: 0.15 }]), /\.input: must be a decimal string/],
    [catalogJson([{ ...mini, output: '0.1234567' }]), /\.output: .*more than 6 fractional digits/],
    [catalogJson([{ ...mini, effective_from: '2024-02-30' }]), /\.effective_from: must be a real calendar date/],
    [catalogJson([{ ...mini, source: 'http://example.com' }]), /\.source: must be an https:\/\/ URL/],
    [catalogJson([{ ...mini, provider: 'OpenAI' }]), /\.provider: must be a lowercase catalog family/],
    [catalogJson([{ ...mini, model: '' }]), /\.model: must not be empty/],
    [catalogJson([]), /prices: must list at least one price/],
    [{ ...(catalogJson([mini]) as object), unit: 'USD per 1K tokens' }, /unit/],
    [{ ...(catalogJson([mini]) as object), currency: 'EUR' }, /currency/],
    [catalogJson(['nope']), /prices\[0\] \(not an object\)/],
    [null, /\(catalog\)/],
  ];
  for (const [json, pattern] of cases) assert.throws(() => parsePriceCatalog(json), pattern, String(pattern));
});

test('rejects two entries for the same provider, model and date', () => {
  assert.throws(() => parsePriceCatalog(catalogJson([mini, { ...mini, input: '0.20' }])),
    /prices\[1\] \(openai\/gpt-4o-mini from 2024-07-18\): duplicates prices\[0\]/);
  assert.doesNotThrow(() => parsePriceCatalog(catalogJson([mini, { ...mini, effective_from: '2025-01-01' }, { ...mini, provider: 'azure' }])));
});

test('loads files and reports unreadable or malformed ones', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-catalog-'));
  try {
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(catalogJson([mini])));
    assert.equal((await loadPriceCatalog(good)).prices[0].inputPerMTok, 150_000);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"version": ');
    await assert.rejects(loadPriceCatalog(broken), /is not valid JSON/);
    await assert.rejects(loadPriceCatalog(join(dir, 'missing.json')), /cannot read price catalog/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
