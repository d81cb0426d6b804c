import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One package of a lockfile (`package-lock.json` v2/v3 `packages` entry), as far as the checks and the SBOM read it. */
export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
  gypfile?: boolean;
  link?: boolean;
  /** Its own dependencies by name (ranges as its package.json states them). */
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The fields of an installed package's own `package.json` that matter to the gate and the SBOM. */
export interface InstalledManifest {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  scripts?: Record<string, string>;
  gypfile?: boolean;
}

/** A package that ships to users: in the lockfile and not dev-only. `path` is its lockfile key (`node_modules/a/node_modules/b`). */
export interface ProductionPackage {
  path: string;
  name: string;
  version: string;
  lock: LockEntry;
  /** Absent when the package is not installed under the project directory. */
  installed?: InstalledManifest;
  /** Files of the installed package (relative paths, nested `node_modules` excluded). */
  files: string[];
}

/** What the gate and the SBOM read: the project's manifest, its lockfile and its installed production packages. */
export interface ProjectTree {
  manifest: { name?: string; version?: string; license?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  lockfileVersion: number | undefined;
  production: ProductionPackage[];
}

/** The package name a lockfile key stands for: the part after the last `node_modules/` (scoped names keep their scope). */
export function nameFromLockPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? path : path.slice(at + 'node_modules/'.length);
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel + '/'));
    else out.push(rel);
  }
  return out;
}

/**
 * Reads `package.json`, `package-lock.json` and the installed production packages of the project
 * in `dir`. Production = every lockfile package not marked `dev` or `devOptional` (what
 * `npm ci --omit=dev` installs). Throws when the lockfile is missing or unreadable.
 */
export function readProjectTree(dir: string): ProjectTree {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as ProjectTree['manifest'];
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { lockfileVersion?: number; packages?: Record<string, LockEntry> };
  const production: ProductionPackage[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || !path.startsWith('node_modules/') || entry.dev || entry.devOptional) continue;
    const pkgDir = join(dir, path);
    const manifestPath = join(pkgDir, 'package.json');
    const installed = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as InstalledManifest) : undefined;
    production.push({
      path,
      name: entry.name ?? nameFromLockPath(path),
      version: entry.version ?? installed?.version ?? '',
      lock: entry,
      installed,
      files: installed ? listFiles(pkgDir) : [],
    });
  }
  production.sort((a, b) => a.path.localeCompare(b.path));
  return { manifest, lockfileVersion: lock.lockfileVersion, production };
}
