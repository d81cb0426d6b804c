import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LockEntry } from './production-tree.ts';

/** Test fixtures for the dependency gate and the SBOM: small projects with a lockfile and installed packages, in a temp dir. */
export const INTEGRITY = 'sha512-' + Buffer.alloc(64, 7).toString('base64');
export const DOC = '# Dependencies\n\n| package | version | why not our own code |\n|---|---|---|\n| `lib` | 1.0.0 | parses things |\n| `@scope/sub` | 2.0.0 | used by lib |\n';

export interface Fixture {
  dependencies?: Record<string, string>;
  lock?: Record<string, LockEntry>;
  /** Installed files per lockfile path: file name → content (`package.json` as an object). */
  installed?: Record<string, Record<string, string | object>>;
  doc?: string;
  lockfileVersion?: number;
}

const dirs: string[] = [];

/** Deletes every project directory made so far (call after each test). */
export function removeProjects(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A project directory with a package.json, a lockfile, installed packages and docs/dependencies.md. */
export function project(f: Fixture = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-deps-'));
  dirs.push(dir);
  const dependencies = f.dependencies ?? { lib: '1.0.0' };
  const lock = f.lock ?? {
    'node_modules/lib': { version: '1.0.0', integrity: INTEGRITY, license: 'MIT', dependencies: { '@scope/sub': '^2.0.0' } },
    'node_modules/@scope/sub': { version: '2.0.0', integrity: INTEGRITY, license: 'ISC' },
    'node_modules/devtool': { version: '9.9.9', integrity: INTEGRITY, dev: true, hasInstallScript: true },
  };
  const installed = f.installed ?? {
    'node_modules/lib': { 'package.json': { name: 'lib', version: '1.0.0', license: 'MIT', scripts: { test: 'x', prepare: 'y' } }, 'lib/index.js': '' },
    'node_modules/@scope/sub': { 'package.json': { name: '@scope/sub', version: '2.0.0', license: 'ISC' }, 'index.js': '' },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '0.1.0', dependencies, devDependencies: { devtool: '9.9.9' } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: f.lockfileVersion ?? 3, packages: { '': { name: 'app', dependencies }, ...lock } }));
  for (const [path, files] of Object.entries(installed)) {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path, file)), { recursive: true });
      writeFileSync(join(dir, path, file), typeof content === 'string' ? content : JSON.stringify(content));
    }
  }
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'dependencies.md'), f.doc ?? DOC);
  return dir;
}

