import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { dependencyProblems, justifiedPackages } from './dependency-rules.ts';
import { readProjectTree } from './production-tree.ts';
import { DOC, INTEGRITY, project, removeProjects } from './project-fixture.ts';

afterEach(removeProjects);

const problems = (dir: string) => dependencyProblems(readProjectTree(dir), readFileSync(join(dir, 'docs', 'dependencies.md'), 'utf8'));

describe('dependency gate', () => {
  test('a clean tree passes; dev packages (even with install scripts) and `prepare`/`test` scripts are not the gate\'s business', () => {
    const dir = project();
    assert.deepEqual(problems(dir), []);
    assert.deepEqual(readProjectTree(dir).production.map((p) => p.name), ['@scope/sub', 'lib']);
  });

  test('an install script in the lockfile (hasInstallScript) fails', () => {
    const dir = project({ lock: { 'node_modules/lib': { version: '1.0.0', integrity: INTEGRITY, hasInstallScript: true }, 'node_modules/@scope/sub': { version: '2.0.0', integrity: INTEGRITY } } });
    assert.match(problems(dir).join('\n'), /lib@1\.0\.0: the lockfile marks an install script/);
  });

  for (const script of ['preinstall', 'install', 'postinstall']) {
    test(`a "${script}" script in an installed package.json fails`, () => {
      const dir = project({
        installed: {
          'node_modules/lib': { 'package.json': { name: 'lib', version: '1.0.0', scripts: { [script]: 'node evil.js' } } },
          'node_modules/@scope/sub': { 'package.json': { name: '@scope/sub', version: '2.0.0' } },
        },
      });
      assert.deepEqual(problems(dir), [`lib@1.0.0: its package.json has a "${script}" script`]);
    });
  }

  test('native addons fail: gypfile (lockfile or package.json), binding.gyp, a .node binary', () => {
    const dir = project({
      lock: { 'node_modules/lib': { version: '1.0.0', integrity: INTEGRITY, gypfile: true }, 'node_modules/@scope/sub': { version: '2.0.0', integrity: INTEGRITY } },
      installed: {
        'node_modules/lib': { 'package.json': { name: 'lib', version: '1.0.0', gypfile: true }, 'binding.gyp': '{}' },
        'node_modules/@scope/sub': { 'package.json': { name: '@scope/sub', version: '2.0.0' }, 'build/Release/sub.node': 'ELF' },
      },
    });
    const found = problems(dir).join('\n');
    assert.match(found, /lib@1\.0\.0: a native addon \(gypfile in package\.json\)/);
    assert.match(found, /lib@1\.0\.0: a native addon \(gypfile in the lockfile\)/);
    assert.match(found, /lib@1\.0\.0: a native addon \(binding\.gyp\)/);
    assert.match(found, /@scope\/sub@2\.0\.0: a native addon \(build\/Release\/sub\.node\)/);
  });

  test('unpinned direct dependencies fail: ranges, tags, aliases, git and URL specs', () => {
    const specs = ['^1.0.0', '~1.0.0', '>=1.0.0', '1.x', '*', 'latest', '1.0.0 - 2.0.0', 'npm:lib@1.0.0', 'github:a/lib', 'git+https://x/lib.git', 'https://x/lib.tgz', 'file:../lib'];
    for (const spec of specs) {
      const dir = project({ dependencies: { lib: spec } });
      assert.deepEqual(problems(dir), [`lib: package.json asks for "${spec}"; pin one exact version (e.g. "1.2.3"), not a range, tag, alias, git or URL spec`], spec);
    }
    assert.deepEqual(problems(project({ dependencies: { lib: '1.0.0-rc.1' } })), [], 'a pre-release is one exact version');
  });

  test('a production package not justified in docs/dependencies.md fails, and so does a stale version there', () => {
    const missing = project({ doc: DOC.replace('| `@scope/sub` | 2.0.0 | used by lib |\n', '') });
    assert.deepEqual(problems(missing), ['@scope/sub@2.0.0: not justified in docs/dependencies.md (add a table row "| `@scope/sub` | 2.0.0 | why |")']);
    const stale = project({ doc: DOC.replace('| `lib` | 1.0.0 |', '| `lib` | 0.9.0 |') });
    assert.deepEqual(problems(stale), ['lib@1.0.0: docs/dependencies.md lists version 0.9.0']);
  });

  test('a package missing from node_modules, or without an integrity hash, fails closed', () => {
    const dir = project({ installed: { 'node_modules/lib': { 'package.json': { name: 'lib', version: '1.0.0' } } } });
    assert.deepEqual(problems(dir), ['@scope/sub@2.0.0: not installed under node_modules (run npm ci), so its scripts and files cannot be checked']);
    const noHash = project({ lock: { 'node_modules/lib': { version: '1.0.0' }, 'node_modules/@scope/sub': { version: '2.0.0', integrity: INTEGRITY } } });
    assert.deepEqual(problems(noHash), ['lib@1.0.0: no sha512 integrity hash in package-lock.json']);
  });

  test('a lockfile v1 (no packages map) fails', () => {
    assert.match(problems(project({ lockfileVersion: 1 })).join('\n'), /lockfileVersion 1/);
  });

  test('justifiedPackages reads the doc\'s table rows (code-formatted first cell, version cell)', () => {
    assert.deepEqual([...justifiedPackages(DOC)], [['lib', '1.0.0'], ['@scope/sub', '2.0.0']]);
  });

  test('the CLI exits 1 and names the problem on a bad tree, 0 on the project itself', () => {
    const bad = project({ dependencies: { lib: '^1.0.0' } });
    const script = new URL('./check-dependencies.ts', import.meta.url).pathname;
    const failed = spawnSync(process.execPath, [script, bad], { encoding: 'utf8' });
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /✖ lib: package\.json asks for "\^1\.0\.0"/);
    const own = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    assert.equal(own.status, 0, own.stdout + own.stderr);
  });
});
