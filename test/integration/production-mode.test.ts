import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { APP_ROOT, permissionFlags, productionGrants } from '../../src/cli/production-mode.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { freePort, until } from './child-process-helpers.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const MASTER_KEY = 'master-key-for-production-test';

describe('switchyard start --production (Node permission model)', () => {
  let emulator: Emulator;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ apiKey: 'up-key', quiet: true });
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sy-production-')));
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves a chat with secrets from files, refuses reads and writes outside its grants, stops cleanly', async () => {
    const etc = join(dir, 'etc');
    const data = join(dir, 'data');
    const outside = join(dir, 'outside');
    mkdirSync(etc);
    mkdirSync(outside);
    writeFileSync(join(etc, 'upstream.key'), 'up-key\n');
    writeFileSync(join(dir, 'master.key'), `${MASTER_KEY}\n`);
    writeFileSync(join(outside, 'other.key'), 'up-key\n');
    const config = join(etc, 'switchyard.yaml');
    const yaml = (key: string) => `providers:\n  emu:\n    type: openai\n    base_url: ${emulator.url}/v1\n    api_key: \${FILE:${key}}\nmodels:\n  gpt-4o-mini: emu/gpt-4o-mini\n`;
    writeFileSync(config, yaml('upstream.key'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, SWITCHYARD_DATA_DIR: data, SWITCHYARD_MASTER_KEY_FILE: join(dir, 'master.key'), SWITCHYARD_LOG_FORMAT: 'json' };
    delete env.SWITCHYARD_MASTER_KEY;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const child = spawn(process.execPath, [MAIN, 'start', '--production', '--config', config, '--port', String(port)], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    child.stderr.on('data', (d) => (logs += d));
    child.stdout.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const base = `http://127.0.0.1:${port}`;
    try {
      await until(async () => ((await fetch(base + '/readyz')).ok ? true : undefined));
      assert.match(logs, /production mode: running under Node's permission model/);
      assert.doesNotMatch(logs, /SecurityWarning|PERM0006/, 'no plain-text warning in the JSON log');

      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      assert.ok(cmdline.includes('--permission'), 'the same pid runs under the permission model');
      assert.deepEqual(cmdline.filter((a) => a.startsWith('--allow-fs-write=')), [`--allow-fs-write=${data}`], 'writes: the data directory only');
      assert.ok(!cmdline.some((a) => a === `--allow-fs-read=${dir}` || a === `--allow-fs-read=${outside}`));
      const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      assert.ok(environ.includes(`NODE_COMPILE_CACHE=${join(data, '.compile-cache')}`), 'the compile cache is in the data directory, the one place the model lets it write');

      const created = await fetch(base + '/admin/v1/keys', { method: 'POST', headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'prod' }) });
      assert.equal(created.status, 201, 'the master key came from SWITCHYARD_MASTER_KEY_FILE');
      const secret = ((await created.json()) as { key: string }).key;
      const chat = await fetch(base + '/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(chat.status, 200, await chat.clone().text());
      assert.equal(((await chat.json()) as { object: string }).object, 'chat.completion');

      writeFileSync(config, yaml(join(outside, 'other.key')));
      await until(async () => (logs.includes('rejected') ? true : undefined));
      assert.match(logs, /cannot read secret file [^"]*other\.key: denied by Node's permission model/);
      assert.doesNotMatch(logs, /up-key|master-key-for-production-test/, 'no secret in the logs');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, logs);
    assert.match(logs, /switchyard stopped/);
    assert.ok(readdirSync(join(data, '.compile-cache')).length > 0, 'the compiled modules were kept for the next start');
  });

  test('the flags it runs under refuse a write outside the data directory', (t) => {
    const data = join(dir, 'probe-data');
    const target = join(dir, 'written-outside.txt');
    t.after(() => rmSync(target, { force: true }));
    mkdirSync(data);
    const flags = permissionFlags(productionGrants({ appRoot: APP_ROOT, dataDir: data, cwd: dir, filesRead: [] }));
    const probe = `const fs = require('node:fs');
      fs.writeFileSync(${JSON.stringify(join(data, 'inside.txt'))}, 'ok');
      try { fs.writeFileSync(${JSON.stringify(target)}, 'x'); console.log('written'); } catch (e) { console.log(e.code); }`;
    const r = spawnSync(process.execPath, [...flags, '-e', probe], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'ERR_ACCESS_DENIED');
    assert.equal(existsSync(target), false);
    assert.equal(readFileSync(join(data, 'inside.txt'), 'utf8'), 'ok');
  });
});
