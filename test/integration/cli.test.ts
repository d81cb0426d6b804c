import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { freePort, until } from './child-process-helpers.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('switchyard CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-cli-'));
    env = { SWITCHYARD_DATA_DIR: join(dir, 'data') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('help everywhere', () => {
    const main = cli(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.out, /Commands:[\s\S]*keys create/);
    for (const args of [['start', '--help'], ['keys', 'create', '--help'], ['keys', 'list', '--help'], ['keys', 'revoke', '--help'], ['migrate', '--help'], ['config', 'check', '--help'], ['demo', '--help']]) {
      const r = cli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.out, /^Usage: switchyard/, args.join(' '));
    }
    assert.match(cli(['--version']).out, /^switchyard \d+\.\d+\.\d+/);
  });

  test('usage errors exit 2 with a hint', () => {
    const unknown = cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command "frobnicate"/);
    const noName = cli(['keys', 'create'], env);
    assert.equal(noName.code, 2);
    assert.match(noName.err, /--name/);
    const badFlag = cli(['keys', 'create', '--nam', 'x'], env);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.err, /keys create --help/);
    const badExpiry = cli(['keys', 'create', '--name', 'x', '--expires', 'tomorrow'], env);
    assert.equal(badExpiry.code, 2);
    assert.match(badExpiry.err, /e\.g\. 45m/);
  });

  test('migrate is idempotent', () => {
    assert.match(cli(['migrate'], env).out, /Applied 1 migration|up to date/);
    assert.match(cli(['migrate'], env).out, /up to date/);
  });

  test('keys create / list / revoke', () => {
    const created = cli(['keys', 'create', '--name', 'ci-bot', '--models', 'gpt-4o-mini', '--expires', '30d', '--json'], env);
    assert.equal(created.code, 0, created.err);
    const k = JSON.parse(created.out) as { id: string; key: string };
    assert.match(k.key, /^sk-sy-[A-Za-z0-9_-]{43}$/);
    const list = cli(['keys', 'list'], env);
    assert.match(list.out, new RegExp(`${k.id}\\s+ci-bot\\s+sk-sy-\\S+…\\s+user\\s+gpt-4o-mini\\s+active`));
    assert.doesNotMatch(list.out, new RegExp(k.key.slice(10)));
    assert.equal(cli(['keys', 'revoke', k.id], env).code, 0);
    assert.match(cli(['keys', 'list'], env).out, /revoked/);
    assert.equal(cli(['keys', 'revoke', 'key_nope'], env).code, 1);
  });

  test('keys commands print the data directory, and say so when they create a new, empty store', () => {
    const fresh = join(dir, 'elsewhere', '.switchyard');
    const first = cli(['keys', 'list'], { SWITCHYARD_DATA_DIR: fresh });
    assert.equal(first.code, 0, first.err);
    assert.ok(first.err.includes(`Data directory: ${fresh} (no store was there: created a new, empty one)`), first.err);
    assert.match(first.err, /set SWITCHYARD_DATA_DIR if you meant another/);
    const created = cli(['keys', 'create', '--name', 'x', '--json'], { SWITCHYARD_DATA_DIR: fresh });
    assert.equal(created.code, 0, created.err);
    assert.equal(created.err.trim(), `Data directory: ${fresh}`, 'an existing store is named, not announced as new');
    assert.ok(JSON.parse(created.out).key, 'stdout stays JSON');
    const relative = spawnSync(process.execPath, [MAIN, 'keys', 'list'], { encoding: 'utf8', cwd: join(dir, 'elsewhere'), env: { ...process.env, SWITCHYARD_DATA_DIR: '' } });
    assert.ok(relative.stderr.includes(`Data directory: ${fresh}\n`), `the default ./.switchyard is printed as an absolute path: ${relative.stderr}`);
  });

  test('start refuses a data directory it cannot use, naming the cause and the path', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = cli(['start', '--port', '4999'], { SWITCHYARD_DATA_DIR: join(file, 'data') });
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`Not started: cannot create the data directory: a part of the path is a file, not a directory (ENOTDIR) at ${join(file, 'data')}.`), r.err);
    const keys = cli(['keys', 'list'], { SWITCHYARD_DATA_DIR: file });
    assert.equal(keys.code, 1);
    assert.ok(keys.err.includes(`a file of that name is in the way (EEXIST) at ${file}`), keys.err);
  });

  test('config check reports file, line and path', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'providers:\n  openai:\n    type: openai\nmodels:\n  m: opena/gpt-4o\n');
    const r = cli(['config', 'check', '--config', bad], env);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.yaml:5:\d+/);
    assert.match(r.err, /did you mean "openai"/);
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'providers:\n  openai:\n    type: openai\nmodels:\n  m: openai/gpt-4o\n');
    const ok = cli(['config', 'check', '--config', good], env);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /OK \(1 provider\(s\), 1 model\(s\)\)/);
  });

  test('start refuses an invalid config with the error', () => {
    const bad = join(dir, 'bad2.yaml');
    writeFileSync(bad, 'server:\n  port: 99999\n');
    const r = cli(['start', '--config', bad], env);
    assert.equal(r.code, 1);
    assert.match(r.err, /server\.port/);
  });

  test('demo runs end to end', () => {
    const r = cli(['demo', '--exit', '--port', '0'], {});
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /chat\s+200\s+emulator\s+gpt-4o-mini/);
    assert.match(r.out, /chat \(stream\)\s+200[\s\S]*ended with \[DONE\]/);
    assert.match(r.out, /unknown model\s+404/);
    assert.match(r.out, /6 request records written/);
  });
});

describe('switchyard start (real process)', () => {
  let emulator: Emulator;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ apiKey: 'up-key', quiet: true });
    dir = mkdtempSync(join(tmpdir(), 'sy-start-'));
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves a key created by the CLI, hot-reloads config, rejects a bad reload, shuts down cleanly', async () => {
    const port = await freePort();
    const config = join(dir, 'switchyard.yaml');
    const yaml = (models: string) => `providers:\n  emu:\n    type: openai\n    base_url: ${emulator.url}/v1\n    api_key: \${UP_KEY}\nmodels:\n${models}`;
    writeFileSync(config, yaml('  gpt-4o-mini: emu/gpt-4o-mini\n'));
    const env = { ...process.env, SWITCHYARD_DATA_DIR: join(dir, 'data'), UP_KEY: 'up-key', SWITCHYARD_MASTER_KEY: 'master-key-for-cli-test', SWITCHYARD_LOG_FORMAT: 'json' };
    const child = spawn(process.execPath, [MAIN, 'start', '--config', config, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    child.stderr.on('data', (d) => (logs += d));
    const base = `http://127.0.0.1:${port}`;
    try {
      await until(async () => ((await fetch(base + '/readyz')).ok ? true : undefined), 60_000);
      const created = spawnSync(process.execPath, [MAIN, 'keys', 'create', '--name', 'live', '--json'], { env, encoding: 'utf8' });
      const secret = (JSON.parse(created.stdout) as { key: string }).key;
      const models = async () => {
        const r = await fetch(base + '/v1/models', { headers: { authorization: `Bearer ${secret}` } });
        return r.ok ? ((await r.json()) as { data: { id: string }[] }).data.map((m) => m.id) : undefined;
      };
      assert.deepEqual(await until(models), ['gpt-4o-mini']);

      writeFileSync(config, yaml('  gpt-4o-mini: emu/gpt-4o-mini\n  fast: emu/gpt-4o-mini\n'));
      await until(async () => ((await models())?.includes('fast') ? true : undefined));

      writeFileSync(config, yaml('  broken: nowhere/gpt-4o-mini\n'));
      await until(async () => (logs.includes('rejected') ? true : undefined));
      assert.deepEqual((await models())?.sort(), ['fast', 'gpt-4o-mini'], 'the previous config stays in force');

      const chat = await fetch(base + '/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(chat.status, 200);
      assert.doesNotMatch(logs, /up-key|sk-sy-[A-Za-z0-9_-]{20}|master-key-for-cli-test/, 'no secret in the logs');
    } finally {
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 0, logs);
    }
    assert.match(logs, /switchyard stopped/);
    assert.ok(logs.includes(`"data_dir":"${join(dir, 'data')}"`), 'start logs the data directory it uses');
  });
});
