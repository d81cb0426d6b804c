/**
 * The project's test command (`npm test`): typecheck, lint, the dependency gate, then every test
 * file (unit tests beside the code, integration tests under test/). Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';

const steps: [string, string[]][] = [
  ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit']],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ['dependencies', ['scripts/check-dependencies.ts']],
  ['tests', ['--test', '--test-reporter=spec', '--test-timeout=120000', 'src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts']],
];

for (const [name, args] of steps) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n✖ ${name} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
