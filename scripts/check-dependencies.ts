/**
 * Dependency gate (run by `npm test`): fails when the production dependency tree gains an install
 * script, a native addon, an unpinned version or a package not justified in docs/dependencies.md.
 * Usage: sh scripts/node.sh scripts/check-dependencies.ts [project-dir]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dependencyProblems } from './dependency-rules.ts';
import { readProjectTree } from './production-tree.ts';

const dir = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const tree = readProjectTree(dir);
const problems = dependencyProblems(tree, readFileSync(join(dir, 'docs', 'dependencies.md'), 'utf8'));
const direct = Object.keys(tree.manifest.dependencies ?? {});
console.log(`production tree: ${tree.production.length} packages (${direct.length} direct: ${direct.join(', ') || 'none'}): ${tree.production.map((p) => `${p.name}@${p.version}`).join(', ') || 'none'}`);
if (problems.length > 0) {
  console.log(`dependency gate: ${problems.length} problem(s)`);
  for (const p of problems) console.log(`  ✖ ${p}`);
  process.exit(1);
}
console.log('dependency gate: no install scripts, no native addons, exact versions, every package justified in docs/dependencies.md');
