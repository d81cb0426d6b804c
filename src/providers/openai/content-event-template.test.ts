import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentEventTemplate } from './content-event-template.ts';

const event = (text: string, id = 'c1') => `data: {"id":"${id}","choices":[{"delta":{"content":"${text}"}}],"usage":null}\n\n`;

function learned(from: string): ContentEventTemplate {
  const t = new ContentEventTemplate();
  t.learn(Buffer.from(from, 'latin1'), from, 0, from.length, from.indexOf('content":"') + 10);
  return t;
}

test('an event with the same bytes around another plain text matches', () => {
  const t = learned(event('Hello'));
  const two = 'xx' + event('a') + event(' world');
  const second = two.indexOf('data:', 3);
  assert.equal(t.matches(two, 2, second), true);
  assert.equal(t.matches(two, second, two.length), true);
});

test('a different shape, an empty text or a text with escapes or quotes does not match', () => {
  const t = learned(event('Hello'));
  for (const other of [event('a', 'c2'), event(''), event('say \\"hi\\"'), event('a"},"error":{"x":"'), event('a\\')]) {
    assert.equal(t.matches(other, 0, other.length), false, other);
  }
  const wrapped = `data: {"id":"c1","choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":1}}\n\n`;
  assert.equal(t.matches(wrapped, 0, wrapped.length), false);
});

test('nothing matches before a template is learned, or when the learned text had escapes', () => {
  const none = new ContentEventTemplate();
  assert.equal(none.matches(event('a'), 0, event('a').length), false);
  const escaped = learned(event('a\\nb'));
  assert.equal(escaped.matches(event('c'), 0, event('c').length), false);
});
