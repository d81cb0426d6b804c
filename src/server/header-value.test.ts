import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateHeaderValue } from 'node:http';
import { headerValue, MAX_ECHOED_HEADER_LENGTH } from './header-value.ts';

test('printable ASCII passes unchanged, the same string', () => {
  const clean = 'anthropic.claude-3-5-sonnet-20241022-v2:0 (preview)~';
  assert.equal(headerValue(clean), clean);
  assert.equal(headerValue(''), '');
});

test('CR, LF, controls and non-ASCII become percent-encoded UTF-8', () => {
  assert.equal(headerValue('a\r\nx-injected: 1'), 'a%0D%0Ax-injected: 1');
  assert.equal(headerValue('gpt\u0000\u007f'), 'gpt%00%7F');
  assert.equal(headerValue('модель'), '%D0%BC%D0%BE%D0%B4%D0%B5%D0%BB%D1%8C');
  assert.equal(headerValue('caf\u00e9'), 'caf%C3%A9');
  assert.equal(headerValue('x\u{1F600}'), 'x%F0%9F%98%80');
  assert.equal(headerValue('lone \ud800 surrogate'), 'lone %EF%BF%BD surrogate');
});

test('values are cut to the cap, clean or encoded', () => {
  assert.equal(headerValue('m'.repeat(10_000)).length, MAX_ECHOED_HEADER_LENGTH);
  assert.ok(headerValue('\u00e9'.repeat(1_000)).length <= MAX_ECHOED_HEADER_LENGTH);
});

test('whatever the input, Node accepts the result as a header value', () => {
  const samples = ['\r', '\n', '\t', '\u0085', '\u2028', '\u00ff', '\uffff', '\ud83d', 'ok', 'a'.repeat(300) + '\n'];
  for (let c = 0; c < 0x300; c++) samples.push(`x${String.fromCharCode(c)}y`);
  for (const s of samples) assert.doesNotThrow(() => validateHeaderValue('x-switchyard-model', headerValue(s)), JSON.stringify(s));
});
