import type { ProjectTree } from './production-tree.ts';

/** A version npm resolves to exactly one release: `1.2.3`, with an optional pre-release or build suffix. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Scripts npm runs when it installs a package from the registry. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/**
 * The package names `docs/dependencies.md` justifies: the first cell of each table row, written
 * as code (`| \`undici\` | 7.30.2 | why |`), with the version cell beside it.
 */
export function justifiedPackages(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/**
 * Every way the production dependency tree breaks the project's rules (DESIGN: "Dependencies are a
 * product feature"): an install script, a native addon, a direct dependency not pinned to one exact
 * version, a package without a lockfile integrity hash, or a package `docs/dependencies.md` does
 * not justify (or lists at another version). Empty when the tree is clean.
 */
export function dependencyProblems(tree: ProjectTree, doc: string): string[] {
  const problems: string[] = [];
  if (tree.lockfileVersion === undefined || tree.lockfileVersion < 2) {
    problems.push(`package-lock.json has lockfileVersion ${tree.lockfileVersion ?? 'none'}; version 2 or 3 (npm 7+) is needed to tell production packages from dev ones`);
  }
  const direct = { ...tree.manifest.dependencies, ...tree.manifest.optionalDependencies };
  for (const [name, spec] of Object.entries(direct)) {
    if (!EXACT_VERSION.test(spec)) problems.push(`${name}: package.json asks for "${spec}"; pin one exact version (e.g. "1.2.3"), not a range, tag, alias, git or URL spec`);
  }
  const justified = justifiedPackages(doc);
  for (const p of tree.production) {
    const id = `${p.name}@${p.version}`;
    if (p.lock.link) problems.push(`${id}: a linked (local) package in the production tree`);
    if (p.lock.hasInstallScript) problems.push(`${id}: the lockfile marks an install script (hasInstallScript)`);
    if (!p.installed) {
      problems.push(`${id}: not installed under node_modules (run npm ci), so its scripts and files cannot be checked`);
    } else {
      for (const s of INSTALL_SCRIPTS) if (p.installed.scripts?.[s] !== undefined) problems.push(`${id}: its package.json has a "${s}" script`);
      if (p.installed.gypfile) problems.push(`${id}: a native addon (gypfile in package.json)`);
    }
    if (p.lock.gypfile) problems.push(`${id}: a native addon (gypfile in the lockfile)`);
    if (p.files.includes('binding.gyp')) problems.push(`${id}: a native addon (binding.gyp)`);
    const binaries = p.files.filter((f) => f.endsWith('.node'));
    if (binaries.length > 0) problems.push(`${id}: a native addon (${binaries.slice(0, 3).join(', ')})`);
    if (!p.lock.integrity?.startsWith('sha512-')) problems.push(`${id}: no sha512 integrity hash in package-lock.json`);
    const listed = justified.get(p.name);
    if (listed === undefined) problems.push(`${id}: not justified in docs/dependencies.md (add a table row "| \`${p.name}\` | ${p.version} | why |")`);
    else if (listed !== p.version) problems.push(`${id}: docs/dependencies.md lists version ${listed || '(none)'}`);
  }
  return problems;
}
