import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { buildCycloneDxBom, integrityHashes, licenseChoices, npmPurl, type CycloneDxBom } from './cyclonedx-sbom.ts';
import { readProjectTree } from './production-tree.ts';
import { INTEGRITY, project, removeProjects } from './project-fixture.ts';

afterEach(removeProjects);

const SERIAL = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The structural rules of the CycloneDX 1.5 JSON schema that this document relies on. */
function assertValidBom(bom: CycloneDxBom): void {
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.5');
  assert.match(bom.serialNumber, SERIAL);
  assert.equal(bom.version, 1);
  assert.ok(!Number.isNaN(Date.parse(bom.metadata.timestamp)));
  const refs = new Set<string>([bom.metadata.component['bom-ref']]);
  for (const c of bom.components) {
    assert.ok(['library', 'application'].includes(c.type));
    assert.ok(!refs.has(c['bom-ref']), `bom-ref ${c['bom-ref']} is unique`);
    refs.add(c['bom-ref']);
    assert.match(c.purl, /^pkg:npm\/(%40[^/@]+\/)?[^/@]+@[^@]+$/);
    assert.equal(c.purl, npmPurl(c.group ? `${c.group}/${c.name}` : c.name, c.version));
    for (const hsh of c.hashes ?? []) {
      assert.equal(hsh.alg, 'SHA-512');
      assert.match(hsh.content, /^[0-9a-f]{128}$/);
    }
    for (const l of c.licenses ?? []) assert.ok('expression' in l || 'id' in l.license || 'name' in l.license);
  }
  for (const d of bom.dependencies) {
    assert.ok(refs.has(d.ref), `dependency ref ${d.ref} names a component`);
    for (const on of d.dependsOn) assert.ok(refs.has(on), `dependsOn ${on} names a component`);
  }
}

describe('CycloneDX SBOM', () => {
  test('the project\'s own SBOM (npm run sbom) is valid and lists exactly the production packages, with hashes and licenses', () => {
    const out = mkdtempSync(join(tmpdir(), 'sy-sbom-'));
    try {
      const file = join(out, 'sbom.cdx.json');
      const script = new URL('./sbom.ts', import.meta.url).pathname;
      const r = spawnSync(process.execPath, [script, '--output', file], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
      assert.equal(r.status, 0, r.stderr);
      const bom = JSON.parse(readFileSync(file, 'utf8')) as CycloneDxBom;
      assertValidBom(bom);
      assert.equal(bom.metadata.timestamp, '2023-11-14T22:13:20.000Z');
      const tree = readProjectTree(new URL('..', import.meta.url).pathname);
      assert.deepEqual(bom.components.map((c) => `${c.name}@${c.version}`), tree.production.map((p) => `${p.name}@${p.version}`));
      for (const c of bom.components) {
        assert.equal(c.hashes?.length, 1, `${c.name} has its SHA-512`);
        assert.ok(c.licenses?.length, `${c.name} has a license`);
      }
      assert.deepEqual(bom.dependencies[0], { ref: 'pkg:npm/switchyard@0.1.0', dependsOn: bom.components.map((c) => c.purl) });
      const again = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
      assert.equal(again.stdout, readFileSync(file, 'utf8'), 'stdout and --output give the same, reproducible document');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a fixture tree: scoped names get a group and a %40 purl, nested packages resolve, dev packages are left out', () => {
    const dir = project({
      lock: {
        'node_modules/lib': { version: '1.0.0', integrity: INTEGRITY, dependencies: { '@scope/sub': '^2.0.0' } },
        'node_modules/lib/node_modules/@scope/sub': { version: '3.0.0', integrity: INTEGRITY },
        'node_modules/@scope/sub': { version: '2.0.0', integrity: INTEGRITY },
        'node_modules/devtool': { version: '9.9.9', integrity: INTEGRITY, dev: true },
      },
      installed: {
        'node_modules/lib': { 'package.json': { name: 'lib', version: '1.0.0', license: '(MIT OR Apache-2.0)' } },
        'node_modules/lib/node_modules/@scope/sub': { 'package.json': { name: '@scope/sub', version: '3.0.0', licenses: [{ type: 'BSD-3-Clause' }] } },
        'node_modules/@scope/sub': { 'package.json': { name: '@scope/sub', version: '2.0.0', license: 'SEE LICENSE IN LICENSE.txt' } },
      },
    });
    const bom = buildCycloneDxBom(readProjectTree(dir), new Date(0));
    assertValidBom(bom);
    assert.deepEqual(bom.components.map((c) => c.purl), ['pkg:npm/%40scope/sub@2.0.0', 'pkg:npm/lib@1.0.0', 'pkg:npm/%40scope/sub@3.0.0']);
    const sub = bom.components[0];
    assert.deepEqual([sub.group, sub.name], ['@scope', 'sub']);
    assert.deepEqual(sub.licenses, [{ license: { name: 'SEE LICENSE IN LICENSE.txt' } }]);
    assert.deepEqual(bom.components[1].licenses, [{ expression: '(MIT OR Apache-2.0)' }]);
    assert.deepEqual(bom.components[2].licenses, [{ license: { id: 'BSD-3-Clause' } }]);
    const libDeps = bom.dependencies.find((d) => d.ref === 'pkg:npm/lib@1.0.0');
    assert.deepEqual(libDeps?.dependsOn, ['pkg:npm/%40scope/sub@3.0.0'], 'lib uses its own nested copy');
  });

  test('integrity hashes become hex; licenses fall back to the lockfile', () => {
    const bytes = Buffer.alloc(64, 0xab);
    assert.deepEqual(integrityHashes(`sha512-${bytes.toString('base64')} sha1-AAAA`), [{ alg: 'SHA-512', content: 'ab'.repeat(64) }, { alg: 'SHA-1', content: '000000' }]);
    assert.equal(integrityHashes(undefined), undefined);
    assert.deepEqual(licenseChoices(undefined, 'ISC'), [{ license: { id: 'ISC' } }]);
    assert.equal(licenseChoices({}, undefined), undefined);
  });
});
