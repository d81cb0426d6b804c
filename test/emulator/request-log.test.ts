import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestLog } from './request-log.ts';

describe('RequestLog', () => {
  it('assigns increasing ids and keeps only the newest `limit` entries', () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 10; i++) log.start('GET', `/p${i}`, {});
    assert.deepEqual(log.entries().map((e) => e.path), ['/p7', '/p8', '/p9']);
    assert.equal(log.last()?.id, 10);
    log.clear();
    assert.equal(log.entries().length, 0);
    assert.equal(log.last(), undefined);
  });

  it('waitFor resolves on an existing entry, on a later change, and rejects on timeout', async () => {
    const log = new RequestLog();
    const first = log.start('POST', '/a', {});
    assert.equal(await log.waitFor((e) => e.path === '/a', 10), first);
    const later = log.waitFor((e) => e.outcome === 'aborted', 1_000);
    first.outcome = 'aborted';
    log.changed(first);
    assert.equal(await later, first);
    await assert.rejects(log.waitFor((e) => e.path === '/never', 20), /timed out after 20 ms/);
  });
});
