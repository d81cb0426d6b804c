import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatConfigErrors } from './format-config-errors.ts';
import { interpolateString } from './interpolate-env.ts';
import { loadConfigFile } from './load-config-file.ts';
import { parseConfigText } from './parse-config-text.ts';
import { readSecretFile } from './read-secret-file.ts';

function reader(files: Record<string, string>, baseDir = '/cfg') {
  return {
    baseDir,
    readFile: (path: string): string => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

function value(text: string, env: Record<string, string | undefined>, files: Record<string, string>): string {
  const result = interpolateString(text, env, reader(files));
  if (!result.ok) assert.fail(result.message);
  return result.value;
}

function failure(text: string, env: Record<string, string | undefined>, files: Record<string, string>): string {
  const result = interpolateString(text, env, reader(files));
  assert.equal(result.ok, false);
  return result.ok ? '' : result.message;
}

test('readSecretFile drops exactly one trailing newline and refuses an empty file', () => {
  const files = reader({ '/a': 's3cret\n', '/b': 's3cret\r\n', '/c': 's3cret\n\n', '/d': ' s3cret ', '/e': '\n', '/f': '' });
  assert.deepEqual(readSecretFile('/a', files.readFile), { ok: true, value: 's3cret' });
  assert.deepEqual(readSecretFile('/b', files.readFile), { ok: true, value: 's3cret' });
  assert.deepEqual(readSecretFile('/c', files.readFile), { ok: true, value: 's3cret\n' });
  assert.deepEqual(readSecretFile('/d', files.readFile), { ok: true, value: ' s3cret ' });
  assert.deepEqual(readSecretFile('/e', files.readFile), { ok: false, problem: 'secret file /e is empty' });
  assert.deepEqual(readSecretFile('/f', files.readFile), { ok: false, problem: 'secret file /f is empty' });
  assert.deepEqual(readSecretFile('/missing', files.readFile), { ok: false, problem: 'cannot read secret file /missing: file not found' });
  const denied = () => {
    throw Object.assign(new Error('x'), { code: 'ERR_ACCESS_DENIED' });
  };
  assert.match((readSecretFile('/g', denied) as { problem: string }).problem, /^cannot read secret file \/g: denied by Node's permission model/);
});

test('${FILE:path} inserts a file, relative paths resolve against the config directory', () => {
  const files = { '/run/secrets/openai': 'sk-file\n', '/cfg/keys/local': 'sk-local' };
  assert.equal(value('${FILE:/run/secrets/openai}', {}, files), 'sk-file');
  assert.equal(value('Bearer ${FILE:keys/local}', {}, files), 'Bearer sk-local');
  assert.equal(value('${FILE:./keys/local}', {}, files), 'sk-local');
  assert.equal(value('$${FILE:/run/secrets/openai}', {}, files), '${FILE:/run/secrets/openai}');
});

test('${FILE:-x} is still the variable FILE with a default', () => {
  assert.equal(value('${FILE:-dflt}', {}, {}), 'dflt');
  assert.equal(value('${FILE:-dflt}', { FILE: 'env' }, {}), 'env');
});

test('${FILE:...} errors name the file, never its content', () => {
  assert.equal(failure('${FILE:/nope}', {}, {}), 'cannot read secret file /nope: file not found');
  assert.equal(failure('${FILE:/empty}', {}, { '/empty': '\n' }), 'secret file /empty is empty');
  assert.match(failure('${FILE:}', {}, {}), /needs a path/);
  const noReader = interpolateString('${FILE:/run/secrets/openai}', {});
  assert.equal(noReader.ok, false);
});

test('NAME_FILE supplies NAME when NAME is unset or empty; both set is an error', () => {
  const files = { '/run/secrets/key': 'from-file\n' };
  assert.equal(value('${KEY}', { KEY_FILE: '/run/secrets/key' }, files), 'from-file');
  assert.equal(value('${KEY:-dflt}', { KEY_FILE: '/run/secrets/key' }, files), 'from-file');
  assert.equal(value('${KEY}', { KEY: '', KEY_FILE: '/run/secrets/key' }, files), 'from-file');
  assert.equal(value('${KEY}', { KEY: 'env', KEY_FILE: '' }, files), 'env');
  assert.equal(failure('${KEY}', { KEY: 'env', KEY_FILE: '/run/secrets/key' }, files), 'both KEY and KEY_FILE are set; set only one');
  assert.equal(failure('${KEY}', { KEY_FILE: '/run/secrets/other' }, files), 'cannot read secret file /run/secrets/other: file not found (from KEY_FILE)');
});

test('config errors for secret files name the config line and the path, not the content', () => {
  const text = 'providers:\n  openai:\n    type: openai\n    api_key: ${FILE:/run/secrets/missing}\n  other:\n    type: openai\n    api_key: ${FILE:/run/secrets/ok}\n';
  const result = parseConfigText(text, {}, 'switchyard.yaml', { readFile: reader({ '/run/secrets/ok': 'sk-content-never-shown' }).readFile });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.errors.length, 1);
  assert.deepEqual([result.errors[0].line, result.errors[0].path], [4, 'providers.openai.api_key']);
  const rendered = formatConfigErrors(result.errors, text);
  assert.match(rendered, /switchyard\.yaml:4:\d+ +providers\.openai\.api_key: cannot read secret file \/run\/secrets\/missing: file not found/);
  assert.doesNotMatch(rendered, /sk-content-never-shown/);
});

test('a loaded config takes its provider key from a file beside it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-secret-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'openai.key'), 'sk-from-file\n');
  writeFileSync(join(dir, 'switchyard.yaml'), 'providers:\n  openai:\n    type: openai\n    api_key: ${FILE:openai.key}\nmodels:\n  m: openai/gpt-4o-mini\n');
  const read: string[] = [];
  const result = await loadConfigFile(join(dir, 'switchyard.yaml'), {}, {
    readFile: (path) => {
      read.push(path);
      return `${path.endsWith('openai.key') ? 'sk-from-file\n' : ''}`;
    },
  });
  assert.equal(result.ok, true, JSON.stringify(result));
  if (result.ok) assert.equal(result.config.providers.openai.apiKey, 'sk-from-file');
  assert.deepEqual(read, [join(dir, 'openai.key')]);
});
