import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the application's own files live: `src/`, `node_modules/`, the price catalog, `package.json`. */
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Paths the gateway may read and write under Node's permission model. */
export interface PermissionGrants {
  read: string[];
  write: string[];
}

/** What `start --production` knows before it re-executes itself. */
export interface ProductionPlan {
  appRoot: string;
  dataDir: string;
  /** The config file in use (its directory is granted, for the reload watch); absent: built-in default. */
  configPath?: string;
  /** Where `./switchyard.yaml` would be looked up when no config is named. */
  cwd: string;
  /** Every file the config read (`${FILE:...}`, `NAME_FILE`, `gcp_service_account_file`). */
  filesRead: string[];
  masterKeyFile?: string;
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Read: the app (and `node_modules` where it is a link elsewhere), the config file's directory
 * (the reload watch needs it), each file the config read, the master key file and the data
 * directory. Write: the data directory only. Paths are real paths, because Node checks the
 * resolved target of a symlink.
 */
export function productionGrants(plan: ProductionPlan): PermissionGrants {
  const dataDir = realpathOr(plan.dataDir);
  const read = [
    realpathOr(plan.appRoot),
    realpathOr(join(plan.appRoot, 'node_modules')),
    plan.configPath !== undefined ? realpathOr(dirname(plan.configPath)) : resolve(plan.cwd, 'switchyard.yaml'),
    ...plan.filesRead.map(realpathOr),
    ...(plan.masterKeyFile !== undefined ? [realpathOr(resolve(plan.cwd, plan.masterKeyFile))] : []),
    dataDir,
  ];
  return { read: [...new Set(read)], write: [dataDir] };
}

/**
 * The Node flags for the grants. `--allow-worker` is needed by the store's SQLite worker
 * thread; a worker inherits the process's permissions, so Node's caution warning about it
 * (PERM0006) is silenced rather than printed into the JSON log on every start.
 */
export function permissionFlags(grants: PermissionGrants): string[] {
  return [
    '--permission',
    ...grants.read.map((path) => `--allow-fs-read=${path}`),
    ...grants.write.map((path) => `--allow-fs-write=${path}`),
    '--allow-worker',
    '--disable-warning=PERM0006',
  ];
}

function underPermissionModel(): boolean {
  return (process as { permission?: unknown }).permission !== undefined;
}

/**
 * Outside the permission model: creates the data directory, then replaces this process (same
 * pid, so signals and container init work unchanged) with Node under the model running the
 * same command. Inside it: checks the data directory is writable. Returns an error to print,
 * or undefined when the gateway may start here.
 */
export function enterProductionMode(plan: ProductionPlan, script: string, args: string[], env: Record<string, string | undefined>): string | undefined {
  if (underPermissionModel()) {
    return process.permission.has('fs.write', resolve(plan.dataDir))
      ? undefined
      : `production mode: Node's permission model does not allow writing to the data directory ${resolve(plan.dataDir)}; grant it with --allow-fs-write`;
  }
  if (typeof process.execve !== 'function') {
    return `production mode needs process.execve (Node >= 22.15 on Linux or macOS); run Node yourself with: ${permissionFlags(productionGrants(plan)).join(' ')}`;
  }
  try {
    mkdirSync(plan.dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return `production mode: cannot create the data directory ${resolve(plan.dataDir)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  const inherited = process.execArgv.filter((flag) => !flag.startsWith('--permission') && !flag.startsWith('--allow-'));
  const argv = [process.execPath, ...inherited, ...permissionFlags(productionGrants(plan)), realpathOr(script), ...args];
  const childEnv = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  // Node's compile cache must sit where the model lets it read and write: without it every start loads the type stripper (about 35 MB).
  if (childEnv.NODE_DISABLE_COMPILE_CACHE === undefined) childEnv.NODE_COMPILE_CACHE = join(resolve(plan.dataDir), '.compile-cache');
  return process.execve(process.execPath, argv, childEnv);
}
