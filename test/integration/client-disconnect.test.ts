import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { flushedRecords, startHarness, type Harness } from './gateway-harness.ts';

describe('client disconnect', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('cancels the upstream call and records the tokens seen', async () => {
    const url = new URL(h.url);
    const body = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'a long answer please [emu tokens=200 token_delay_ms=20]' }] });
    let contentChunks = 0;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/chat/completions', method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (s: string) => {
          contentChunks += s.split('"content":"').length - 1;
          if (contentChunks >= 6) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end(body);
    });

    const entry = await h.emulator.log.waitFor((e) => e.outcome === 'aborted', 3000);
    assert.ok(entry, 'the emulator saw the upstream request aborted');
    assert.ok(entry.chunksSent < 100, `upstream stopped early (sent ${entry.chunksSent} chunks)`);

    let rec;
    for (let i = 0; i < 50 && !rec; i++) {
      rec = (await flushedRecords(h)).find((r) => r.errorClass === 'client_disconnected');
      if (!rec) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(rec, 'a record was written for the disconnected request');
    assert.equal(rec.status, 499);
    assert.equal(rec.usageSource, 'estimated');
    assert.ok(rec.usage.outputText >= 5, `tokens seen are kept (${rec.usage.outputText})`);
    assert.ok(rec.usage.inputUncached > 0);
    assert.ok(rec.costMicros != null);
  });

  for (const stream of [false, true]) test(`a ${stream ? 'stream' : 'non-streaming request'} the client leaves before its first byte is cancelled upstream and billed for its prompt`, async () => {
    const url = new URL(h.url);
    const prompt = 'please think about this for a long while before answering [emu hang=1]';
    const body = JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: prompt }] });
    const req = request({ host: url.hostname, port: url.port, path: '/v1/chat/completions', method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json', 'x-client-request-id': `leaver-${stream}` } });
    req.on('error', () => {});
    req.end(body);
    const hung = await h.emulator.log.waitFor((e) => e.outcome === 'hung' && (e.body as { stream?: boolean }).stream === stream, 3000);
    assert.ok(hung, 'the upstream call started');
    req.destroy();
    assert.ok(await h.emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 3000), 'the gateway cancelled the upstream call');

    let rec;
    for (let i = 0; i < 50 && !rec; i++) {
      rec = (await flushedRecords(h)).find((r) => r.clientRequestId === `leaver-${stream}`);
      if (!rec) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(rec, 'a record was written for the abandoned request');
    assert.equal(rec.status, 499);
    assert.equal(rec.stream, stream);
    assert.equal(rec.errorClass, 'client_disconnected');
    assert.equal(rec.usageSource, 'estimated');
    assert.ok(rec.usage.inputUncached > 5, `the prompt is billed (${rec.usage.inputUncached} tokens)`);
    assert.equal(rec.usage.outputText, 0, 'nothing was produced');
    assert.ok(rec.costMicros != null && rec.costMicros > 0);
    assert.equal(rec.attemptLog.length, 1);
    assert.equal(rec.attemptLog[0].outcome, 'client_disconnected');
    assert.equal(rec.attemptLog[0].costMicros, rec.costMicros);
  });
});
