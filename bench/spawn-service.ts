import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Service {
  url: string;
  child: ChildProcess;
  /** Peak resident memory (VmHWM) in MiB, from /proc; undefined where /proc is absent. */
  peakRssMiB(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts `node args…` (or `wrapper… node args…`, e.g. under valgrind) and resolves once it prints a
 * line with `listening on <url>` (stdout or stderr).
 */
export function spawnService(args: string[], env: Record<string, string | undefined> = {}, wrapper: string[] = []): Promise<Service> {
  const [command, ...rest] = [...wrapper, process.execPath, ...args];
  const child = spawn(command, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /listening on (http:\/\/[^\s"]+)/.exec(output) ?? /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({
        url: m[1],
        child,
        peakRssMiB: () => {
          try {
            const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            return kb ? Number(kb[1]) / 1024 : undefined;
          } catch {
            return undefined;
          }
        },
        stop: () => new Promise((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

/** CPU time (user + system, all threads) the process has used so far, in milliseconds; from /proc. */
export function cpuMs(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
