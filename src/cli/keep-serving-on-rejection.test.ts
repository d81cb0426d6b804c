import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import type { Logger } from '../observability/logger.ts';
import { keepServingOnRejection } from './keep-serving-on-rejection.ts';

function recordingLogger(): { log: Logger; errors: Array<{ msg: string; fields?: Record<string, unknown> }> } {
  const errors: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const ignore = () => {};
  return { errors, log: { debug: ignore, info: ignore, warn: ignore, error: (msg, fields) => errors.push({ msg, fields }) } };
}

test('an unhandled rejection is logged, and removing the net stops listening', () => {
  const source = new EventEmitter();
  const { log, errors } = recordingLogger();
  const remove = keepServingOnRejection(source, log);
  const reason = new Error('boom');
  source.emit('unhandledRejection', reason);
  assert.equal(errors.length, 1);
  assert.match(errors[0].msg, /unhandled promise rejection/);
  assert.equal(errors[0].fields?.error, reason);
  remove();
  assert.equal(source.listenerCount('unhandledRejection'), 0);
});

test('in a real process, the net keeps it alive past an unhandled rejection', () => {
  const script = `
    const { keepServingOnRejection } = await import(${JSON.stringify(new URL('./keep-serving-on-rejection.ts', import.meta.url).href)});
    const lines = [];
    keepServingOnRejection(process, { debug() {}, info() {}, warn() {}, error: (m) => lines.push(m) });
    Promise.reject(new Error('nobody handles this'));
    setTimeout(() => { console.log(JSON.stringify({ alive: true, lines })); }, 50);
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim()) as { alive: boolean; lines: string[] };
  assert.equal(out.alive, true);
  assert.equal(out.lines.length, 1);
});
