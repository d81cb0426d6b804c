import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../integration/child-process-helpers.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** A gateway in its own process (`switchyard start`), for cases that might stop a process: only the child can die. */
export interface ChildGateway {
  url: string;
  secret: string;
  /** Resolves with the exit code (or signal) if the process ends before `close`. */
  readonly exited: Promise<number | string | null>;
  /** True while the process is running. */
  alive(): boolean;
  /** The process's stderr so far (JSON log lines). */
  logs(): string;
  close(): Promise<void>;
}

async function until(fn: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > end) throw new Error('the child gateway did not become ready');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `switchyard start` on a free port with this config text and one all-models key created by the CLI. */
export async function startChildGateway(configYaml: string, env: Record<string, string> = {}): Promise<ChildGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-hostile-'));
  const config = join(dir, 'switchyard.yaml');
  writeFileSync(config, configYaml);
  const childEnv = { ...process.env, SWITCHYARD_DATA_DIR: join(dir, 'data'), SWITCHYARD_MASTER_KEY: 'hostile-master-key-0123456789', SWITCHYARD_LOG_FORMAT: 'json', ...env };
  const created = spawnSync(process.execPath, [MAIN, 'keys', 'create', '--name', 'hostile', '--json'], { env: childEnv, encoding: 'utf8', timeout: 60_000 });
  if (created.status !== 0) throw new Error('keys create failed: ' + created.stderr);
  const secret = (JSON.parse(created.stdout) as { key: string }).key;
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN, 'start', '--config', config, '--port', String(port)], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let logs = '';
  child.stderr!.on('data', (d) => (logs += d));
  let running = true;
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => {
    running = false;
    resolve(code ?? signal);
  }));
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(url + '/readyz')).ok, 30_000);
  return {
    url, secret, exited,
    alive: () => running,
    logs: () => logs,
    async close() {
      if (running) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
