import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfigFile } from './load-config-file.ts';

test('loads and validates a file, naming it in errors', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, 'server:\n  port: 4100\n');
  const ok = await loadConfigFile(file, {});
  assert.equal(ok.ok && ok.config.server.port, 4100);

  writeFileSync(file, 'server:\n  port: 0\n');
  const bad = await loadConfigFile(file, {});
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.deepEqual([bad.errors[0].source, bad.errors[0].line, bad.errors[0].path], [file, 2, 'server.port']);
});

test('a missing file is a ConfigError that says how to provide one', async () => {
  const result = await loadConfigFile('/nonexistent/dir/switchyard.yaml', {});
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0].message, /config file not found: \/nonexistent\/dir\/switchyard\.yaml .*--config.*SWITCHYARD_CONFIG/);
});

test('a directory is reported as such', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const result = await loadConfigFile(dir, {});
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.errors[0].message, /is a directory/);
});
