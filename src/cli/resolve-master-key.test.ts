import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveMasterKey } from './resolve-master-key.ts';

const KEY = 'master-key-0123456789';
const files: Record<string, string> = { '/run/secrets/master': `${KEY}\n`, '/run/secrets/empty': '\n', '/run/secrets/short': 'short\n', '/work/rel/master': KEY };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

test('no master key: the admin API stays disabled', () => {
  assert.deepEqual(resolveMasterKey({}, '/work', readFile), { ok: true, key: undefined });
  assert.deepEqual(resolveMasterKey({ SWITCHYARD_MASTER_KEY: '', SWITCHYARD_MASTER_KEY_FILE: '' }, '/work', readFile), { ok: true, key: undefined });
});

test('from the variable or from the file (one trailing newline dropped, relative to the working directory)', () => {
  assert.deepEqual(resolveMasterKey({ SWITCHYARD_MASTER_KEY: KEY }, '/work', readFile), { ok: true, key: KEY });
  assert.deepEqual(resolveMasterKey({ SWITCHYARD_MASTER_KEY_FILE: '/run/secrets/master' }, '/work', readFile), { ok: true, key: KEY });
  assert.deepEqual(resolveMasterKey({ SWITCHYARD_MASTER_KEY_FILE: 'rel/master' }, '/work', readFile), { ok: true, key: KEY });
});

test('both set, unreadable, empty or short files are refused without showing the key', () => {
  const error = (env: Record<string, string>) => {
    const r = resolveMasterKey(env, '/work', readFile);
    assert.equal(r.ok, false);
    return r.ok ? '' : r.error;
  };
  assert.equal(error({ SWITCHYARD_MASTER_KEY: KEY, SWITCHYARD_MASTER_KEY_FILE: '/run/secrets/master' }), 'SWITCHYARD_MASTER_KEY and SWITCHYARD_MASTER_KEY_FILE are both set; set only one');
  assert.equal(error({ SWITCHYARD_MASTER_KEY_FILE: '/run/secrets/nope' }), 'SWITCHYARD_MASTER_KEY_FILE: cannot read secret file /run/secrets/nope: file not found');
  assert.equal(error({ SWITCHYARD_MASTER_KEY_FILE: '/run/secrets/empty' }), 'SWITCHYARD_MASTER_KEY_FILE: secret file /run/secrets/empty is empty');
  assert.match(error({ SWITCHYARD_MASTER_KEY_FILE: '/run/secrets/short' }), /^the master key in \/run\/secrets\/short is too short \(5 characters\)/);
  assert.match(error({ SWITCHYARD_MASTER_KEY: 'short' }), /^SWITCHYARD_MASTER_KEY is too short \(5 characters\)/);
});
