import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directivesFromHeaders, mergeDirectives, scanMarkers, stripMarkers } from './directives.ts';

describe('scanMarkers', () => {
  it('parses typed directives and removes the marker from the text', () => {
    const scan = scanMarkers('hello [emu status=429 retry_after=2 hang=1 tool_call=get_weather finish_reason=length] world');
    assert.deepEqual(scan.directives, { status: 429, retry_after: 2, hang: true, tool_call: 'get_weather', finish_reason: 'length' });
    assert.equal(scan.text, 'hello  world');
  });

  it('parses the instance-scenario and context-window directives', () => {
    const scan = scanMarkers('x [emu reset=1 fail_rate=0.5 fail_status=502 first_token_ms=300 context_window=4096]');
    assert.deepEqual(scan.directives, { reset: true, fail_rate: 0.5, fail_status: 502, first_token_ms: 300, context_window: 4096 });
  });

  it('ignores unknown names, bad numbers and unknown finish reasons', () => {
    const scan = scanMarkers('[emu nope=1 tokens=abc finish_reason=weird latency_ms=5]');
    assert.deepEqual(scan.directives, { latency_ms: 5 });
  });

  it('later markers override earlier ones and error_message underscores become spaces', () => {
    const scan = scanMarkers('a [emu tokens=1] b [emu tokens=3 error_message=try_again_later]');
    assert.deepEqual(scan.directives, { tokens: 3, error_message: 'try again later' });
    assert.equal(scan.text, 'a  b ');
  });

  it('leaves text without a complete marker alone', () => {
    assert.deepEqual(scanMarkers('plain text'), { directives: undefined, text: 'plain text' });
    assert.equal(scanMarkers('open [emu tokens=2').directives, undefined);
    assert.equal(scanMarkers('[emulator tokens=2]').directives, undefined);
    assert.equal(stripMarkers('x [emu tokens=2]'), 'x ');
  });
});

describe('directivesFromHeaders', () => {
  it('reads x-emulator-* headers with hyphens or underscores', () => {
    const d = directivesFromHeaders({ 'x-emulator-status': '503', 'x-emulator-retry-after': '1.5', 'x-emulator-malformed_sse': 'true', host: 'h' });
    assert.deepEqual(d, { status: 503, retry_after: 1.5, malformed_sse: true });
    assert.equal(directivesFromHeaders({ host: 'h' }), undefined);
  });
});

describe('mergeDirectives', () => {
  it('layers defaults < headers < marker and reuses defaults when nothing overrides', () => {
    const defaults = { tokens: 2, latency_ms: 10 };
    assert.equal(mergeDirectives(defaults, undefined, undefined), defaults);
    assert.deepEqual(mergeDirectives(defaults, { tokens: 3, status: 500 }, { tokens: 4 }), { tokens: 4, latency_ms: 10, status: 500 });
  });

  it('a scenario overrides every other layer for the keys it sets', () => {
    const merged = mergeDirectives({ tokens: 2 }, { status: 200 }, { hang: true, tokens: 5 }, { status: 503, hang: false });
    assert.deepEqual(merged, { tokens: 5, status: 503, hang: false });
  });
});
