/**
 * Writes a CycloneDX 1.5 JSON SBOM of the production dependency tree (from package-lock.json and
 * the installed packages) to stdout, or to a file with `--output`.
 * Usage: npm run sbom [-- --output sbom.cdx.json] [-- --dir project-dir]
 * `SOURCE_DATE_EPOCH` (seconds) fixes the timestamp for a reproducible document.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCycloneDxBom } from './cyclonedx-sbom.ts';
import { readProjectTree } from './production-tree.ts';

const { values } = parseArgs({ options: { output: { type: 'string', short: 'o' }, dir: { type: 'string' } } });
const dir = resolve(values.dir ?? new URL('..', import.meta.url).pathname);
const epoch = process.env.SOURCE_DATE_EPOCH;
const bom = buildCycloneDxBom(readProjectTree(dir), epoch ? new Date(Number(epoch) * 1000) : new Date());
const text = JSON.stringify(bom, null, 2) + '\n';
if (values.output) {
  writeFileSync(values.output, text);
  console.error(`sbom: ${bom.components.length} components written to ${values.output}`);
} else {
  process.stdout.write(text);
}
