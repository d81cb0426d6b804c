import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConfigError } from './config-error.ts';
import type { Config } from './types.ts';
import { watchConfigFile } from './watch-config-file.ts';

type Event = { kind: 'reload'; config: Config } | { kind: 'rejected'; errors: ConfigError[] };

function recorder() {
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (event: Event) => {
    events.push(event);
    wake?.();
  };
  const next = (timeoutMs = 1500): Promise<Event> => {
    const seen = events.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no watcher event')), timeoutMs);
      wake = () => {
        if (events.length <= seen) return;
        clearTimeout(timer);
        resolve(events[seen]);
      };
    });
  };
  return {
    events,
    next,
    handlers: {
      onReload: (config: Config) => push({ kind: 'reload', config }),
      onRejected: (errors: ConfigError[]) => push({ kind: 'rejected', errors }),
    },
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('valid changes reload; invalid ones are rejected and no-op writes are ignored', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-watch-'));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, 'server:\n  port: 4000\n');
  const events = recorder();
  const watcher = watchConfigFile(file, { KEY: 'k' }, events.handlers, { debounceMs: 30 });
  t.after(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await settle(50);

  let next = events.next();
  await writeFile(file, 'providers:\n  p: { type: openai, api_key: "${KEY}" }\nmodels:\n  m: p/x\n');
  const reload = await next;
  assert.equal(reload.kind, 'reload');
  if (reload.kind === 'reload') assert.deepEqual(reload.config.models.m.targets.map(({ provider, model }) => ({ provider, model })), [{ provider: 'p', model: 'x' }]);

  next = events.next();
  await writeFile(file, 'models:\n  m: nobody/x\n');
  const rejected = await next;
  assert.equal(rejected.kind, 'rejected');
  if (rejected.kind === 'rejected') assert.deepEqual([rejected.errors[0].path, rejected.errors[0].line], ['models.m', 2]);

  await writeFile(file, 'models:\n  m: nobody/x\n');
  writeFileSync(join(dir, 'unrelated.txt'), 'x');
  await settle(120);
  assert.equal(events.events.length, 2, 'same content and unrelated files cause no event');
});

test('an editor-style atomic rename is picked up', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-watch-'));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, 'server:\n  port: 4000\n');
  const events = recorder();
  const watcher = watchConfigFile(file, {}, events.handlers, { debounceMs: 30 });
  t.after(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await settle(50);

  const next = events.next();
  writeFileSync(join(dir, '.switchyard.yaml.swp'), 'server:\n  port: 4200\n');
  renameSync(join(dir, '.switchyard.yaml.swp'), file);
  const event = await next;
  assert.equal(event.kind === 'reload' && event.config.server.port, 4200);
});

test('an emptied file is rejected, not reloaded as defaults', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-watch-'));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, 'server:\n  port: 4000\n');
  const events = recorder();
  const watcher = watchConfigFile(file, {}, events.handlers, { debounceMs: 30 });
  t.after(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await settle(50);
  const next = events.next();
  writeFileSync(file, '');
  const event = await next;
  assert.equal(event.kind === 'rejected' && event.errors[0].message.includes('empty'), true);
});

test('nothing is reported after close', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-watch-'));
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(file, '');
  const events = recorder();
  const watcher = watchConfigFile(file, {}, events.handlers, { debounceMs: 30 });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await settle(50);
  watcher.close();
  writeFileSync(file, 'server:\n  port: 4300\n');
  await settle(100);
  assert.deepEqual(events.events, []);
});
