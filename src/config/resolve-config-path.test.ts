import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveConfigPath } from './resolve-config-path.ts';

test('--config > SWITCHYARD_CONFIG > ./switchyard.yaml > none', (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const env = { SWITCHYARD_CONFIG: 'from-env.yaml' };

  assert.equal(resolveConfigPath(undefined, {}, cwd), undefined);
  writeFileSync(join(cwd, 'switchyard.yaml'), '');
  assert.equal(resolveConfigPath(undefined, {}, cwd), join(cwd, 'switchyard.yaml'));
  assert.equal(resolveConfigPath(undefined, env, cwd), join(cwd, 'from-env.yaml'));
  assert.equal(resolveConfigPath('flag.yaml', env, cwd), join(cwd, 'flag.yaml'));
  assert.equal(resolveConfigPath('/abs/flag.yaml', env, cwd), '/abs/flag.yaml');
  assert.equal(resolveConfigPath(undefined, { SWITCHYARD_CONFIG: '' }, cwd), join(cwd, 'switchyard.yaml'));
});

test('a directory named switchyard.yaml is not picked up', (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(join(cwd, 'switchyard.yaml'));
  assert.equal(resolveConfigPath(undefined, {}, cwd), undefined);
});
