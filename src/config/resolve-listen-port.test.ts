import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from './default-config.ts';
import { resolveListenPort } from './resolve-listen-port.ts';

test('--port beats PORT, which beats server.port', () => {
  const config = defaultConfig({});
  assert.deepEqual(resolveListenPort(config, undefined, {}), { ok: true, port: 4000, from: 'server.port' });
  assert.deepEqual(resolveListenPort(config, undefined, { PORT: '8080' }), { ok: true, port: 8080, from: 'PORT' });
  assert.deepEqual(resolveListenPort(config, '9090', { PORT: '8080' }), { ok: true, port: 9090, from: '--port' });
  assert.deepEqual(resolveListenPort(config, undefined, { PORT: '' }), { ok: true, port: 4000, from: 'server.port' });
});

test('invalid overrides are errors, not silently ignored', () => {
  const config = defaultConfig({});
  assert.equal(resolveListenPort(config, 'abc', {}).ok, false);
  assert.equal(resolveListenPort(config, '70000', {}).ok, false);
  assert.equal(resolveListenPort(config, undefined, { PORT: '0' }).ok, false);
});
