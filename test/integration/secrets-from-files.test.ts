import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

describe('secrets from files (CLI)', () => {
  let dir: string;
  const cli = (args: string[], env: Record<string, string>) => {
    const base: NodeJS.ProcessEnv = { ...process.env, SWITCHYARD_DATA_DIR: join(dir, 'data') };
    delete base.SWITCHYARD_MASTER_KEY;
    delete base.SWITCHYARD_MASTER_KEY_FILE;
    const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...base, ...env }, timeout: 30_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-secret-files-'));
    writeFileSync(join(dir, 'openai.key'), 'sk-content-of-the-file\n');
    writeFileSync(join(dir, 'empty.key'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('config check reads ${FILE:...} and NAME_FILE, and names the line and file of a bad one', () => {
    const config = join(dir, 'switchyard.yaml');
    writeFileSync(config, 'providers:\n  a:\n    type: openai\n    api_key: ${FILE:openai.key}\n  b:\n    type: openai\n    api_key: ${B_KEY}\nmodels:\n  m: a/gpt-4o-mini\n  n: b/gpt-4o-mini\n');
    const ok = cli(['config', 'check', '--config', config], { B_KEY_FILE: join(dir, 'openai.key') });
    assert.equal(ok.code, 0, ok.err);
    assert.doesNotMatch(ok.err, /warning/);

    writeFileSync(config, 'providers:\n  a:\n    type: openai\n    api_key: ${FILE:missing.key}\n  b:\n    type: openai\n    api_key: ${B_KEY}\nmodels:\n  m: a/gpt-4o-mini\n');
    const bad = cli(['config', 'check', '--config', config], { B_KEY: 'x', B_KEY_FILE: join(dir, 'openai.key') });
    assert.equal(bad.code, 1);
    assert.match(bad.err, new RegExp(`switchyard\\.yaml:4:\\d+ +providers\\.a\\.api_key: cannot read secret file ${join(dir, 'missing.key')}: file not found`));
    assert.match(bad.err, /switchyard\.yaml:7:\d+ +providers\.b\.api_key: both B_KEY and B_KEY_FILE are set; set only one/);
    assert.doesNotMatch(bad.err, /sk-content-of-the-file/);
  });

  test('start refuses an ambiguous, unreadable or empty master key file', () => {
    const both = cli(['start', '--port', '0'], { SWITCHYARD_MASTER_KEY: 'master-key-0123456789', SWITCHYARD_MASTER_KEY_FILE: join(dir, 'openai.key') });
    assert.equal(both.code, 1);
    assert.match(both.err, /SWITCHYARD_MASTER_KEY and SWITCHYARD_MASTER_KEY_FILE are both set; set only one/);
    const missing = cli(['start', '--port', '0'], { SWITCHYARD_MASTER_KEY_FILE: join(dir, 'nope.key') });
    assert.equal(missing.code, 1);
    assert.match(missing.err, /SWITCHYARD_MASTER_KEY_FILE: cannot read secret file .*nope\.key: file not found/);
    const empty = cli(['start', '--port', '0'], { SWITCHYARD_MASTER_KEY_FILE: join(dir, 'empty.key') });
    assert.equal(empty.code, 1);
    assert.match(empty.err, /SWITCHYARD_MASTER_KEY_FILE: secret file .*empty\.key is empty/);
    assert.doesNotMatch(both.err + missing.err + empty.err, /sk-content-of-the-file|master-key-0123456789/);
  });
});
