import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from './redact.ts';
import { createLogger } from './logger.ts';

test('redacts secret-named fields and secret-looking values', () => {
  const out = redact({ apiKey: 'abc', nested: { authorization: 'Bearer xyz' }, note: 'used sk-sy-AAAAAAAAAAAAAAAA here', n: 3 });
  assert.deepEqual(out, { apiKey: '<redacted>', nested: { authorization: '<redacted>' }, note: 'used sk-sy-…<redacted> here', n: 3 });
});

test('logger never writes a secret', () => {
  const lines: string[] = [];
  const log = createLogger({ write: (l) => lines.push(l) });
  log.info('key sk-sy-0123456789abcdef created', { api_key: 'sk-live-123456789' });
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0], /0123456789abcdef|live-123456789/);
});
