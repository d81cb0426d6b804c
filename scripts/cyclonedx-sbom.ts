import { createHash } from 'node:crypto';
import type { InstalledManifest, ProductionPackage, ProjectTree } from './production-tree.ts';

/** A CycloneDX license choice: an SPDX id, an SPDX expression, or a free-text name. */
type LicenseChoice = { license: { id: string } } | { license: { name: string } } | { expression: string };

/** The parts of a CycloneDX 1.5 component this SBOM fills. https://cyclonedx.org/docs/1.5/json/ */
export interface SbomComponent {
  type: 'library' | 'application';
  'bom-ref': string;
  group?: string;
  name: string;
  version: string;
  purl: string;
  hashes?: { alg: 'SHA-512' | 'SHA-384' | 'SHA-256' | 'SHA-1'; content: string }[];
  licenses?: LicenseChoice[];
}

export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: { timestamp: string; tools: { components: { type: 'application'; name: string }[] }; component: SbomComponent };
  components: SbomComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** `pkg:npm/name@version`, with a scope's `@` percent-encoded as the purl spec requires. https://github.com/package-url/purl-spec */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.startsWith('@') ? '%40' + name.slice(1) : name}@${version}`;
}

const ALGS: Record<string, 'SHA-512' | 'SHA-384' | 'SHA-256' | 'SHA-1'> = { sha512: 'SHA-512', sha384: 'SHA-384', sha256: 'SHA-256', sha1: 'SHA-1' };

/** A lockfile `integrity` (SRI: `sha512-<base64>`, possibly several) as CycloneDX hashes in hex. */
export function integrityHashes(integrity: string | undefined): SbomComponent['hashes'] {
  const out: NonNullable<SbomComponent['hashes']> = [];
  for (const part of (integrity ?? '').split(/\s+/)) {
    const dash = part.indexOf('-');
    const alg = ALGS[part.slice(0, dash)];
    if (dash > 0 && alg) out.push({ alg, content: Buffer.from(part.slice(dash + 1), 'base64').toString('hex') });
  }
  return out.length > 0 ? out : undefined;
}

/** Licenses as the installed package.json states them (`license`, or the legacy `licenses` array), else the lockfile's. */
export function licenseChoices(installed: InstalledManifest | undefined, lockLicense: string | undefined): LicenseChoice[] | undefined {
  const raw: unknown[] = [];
  if (installed?.license !== undefined) raw.push(installed.license);
  else if (Array.isArray(installed?.licenses)) raw.push(...installed.licenses);
  else if (lockLicense !== undefined) raw.push(lockLicense);
  const out: LicenseChoice[] = [];
  for (const l of raw) {
    const text = typeof l === 'string' ? l : typeof l === 'object' && l !== null && typeof (l as { type?: unknown }).type === 'string' ? (l as { type: string }).type : undefined;
    if (!text) continue;
    if (/\s(OR|AND|WITH)\s|[()]/.test(text)) out.push({ expression: text });
    else if (/^[A-Za-z0-9.+-]+$/.test(text)) out.push({ license: { id: text } });
    else out.push({ license: { name: text } });
  }
  return out.length > 0 ? out : undefined;
}

function component(p: ProductionPackage): SbomComponent {
  const purl = npmPurl(p.name, p.version);
  const slash = p.name.startsWith('@') ? p.name.indexOf('/') : -1;
  const c: SbomComponent = { type: 'library', 'bom-ref': purl, name: slash === -1 ? p.name : p.name.slice(slash + 1), version: p.version, purl };
  if (slash !== -1) c.group = p.name.slice(0, slash);
  const hashes = integrityHashes(p.lock.integrity);
  if (hashes) c.hashes = hashes;
  const licenses = licenseChoices(p.installed, p.lock.license);
  if (licenses) c.licenses = licenses;
  return c;
}

/** Where npm finds `name` for the package at lockfile path `from`: its own node_modules, then each parent's. */
function resolveDependency(byPath: Map<string, ProductionPackage>, from: string, name: string): ProductionPackage | undefined {
  let base = from;
  for (;;) {
    const hit = byPath.get(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
    if (hit) return hit;
    if (base === '') return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at === -1 ? '' : base.slice(0, at);
  }
}

/**
 * A CycloneDX 1.5 SBOM of the production tree: one component per package (purl, SHA-512 from the
 * lockfile's integrity, licenses from the installed package.json) and the dependency graph. The
 * serial number is derived from the content, so the same tree gives the same document apart from
 * `timestamp` (pass `SOURCE_DATE_EPOCH` time for a reproducible one).
 */
export function buildCycloneDxBom(tree: ProjectTree, timestamp: Date): CycloneDxBom {
  const name = tree.manifest.name ?? 'project';
  const version = tree.manifest.version ?? '0.0.0';
  const rootRef = npmPurl(name, version);
  const root: SbomComponent = { type: 'application', 'bom-ref': rootRef, name, version, purl: rootRef };
  const rootLicenses = licenseChoices({ license: tree.manifest.license }, undefined);
  if (rootLicenses) root.licenses = rootLicenses;
  const byPath = new Map(tree.production.map((p) => [p.path, p]));
  const refs = (from: string, deps: Record<string, string> | undefined) =>
    Object.keys(deps ?? {}).map((d) => resolveDependency(byPath, from, d)).filter((p) => p !== undefined).map((p) => npmPurl(p.name, p.version));
  const dependencies = [
    { ref: rootRef, dependsOn: refs('', { ...tree.manifest.dependencies, ...tree.manifest.optionalDependencies }) },
    ...tree.production.map((p) => ({ ref: npmPurl(p.name, p.version), dependsOn: refs(p.path, { ...p.lock.dependencies, ...p.lock.optionalDependencies }) })),
  ];
  const components = tree.production.map(component);
  const digest = createHash('sha256').update(JSON.stringify({ root, components, dependencies })).digest('hex');
  const uuid = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-${((parseInt(digest[16], 16) & 0x3) | 0x8).toString(16)}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${uuid}`,
    version: 1,
    metadata: { timestamp: timestamp.toISOString(), tools: { components: [{ type: 'application', name: 'switchyard scripts/sbom.ts' }] }, component: root },
    components,
    dependencies,
  };
}
