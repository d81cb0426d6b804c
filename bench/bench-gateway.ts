import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, spawnService, type Service } from './spawn-service.ts';

/** The key the benches' emulator requires, and the providers send. */
export const UPSTREAM_KEY = 'bench-upstream-key';

/**
 * Starts Switchyard from the checkout at `root` with its data and config in `dir`, in front of the
 * emulator at `emulatorUrl` (see `benchConfig`), and creates a virtual key for the load. `nodeArgs`
 * go before the script (e.g. `--perf-basic-prof`); `wrapper` runs Node under another program;
 * `providerYaml` is added to the `emu` provider (e.g. `    max_connections: 256\n`).
 */
export async function startBenchGateway(o: { root: string; dir: string; emulatorUrl: string; nodeArgs?: string[]; wrapper?: string[]; providerYaml?: string }): Promise<{ service: Service; key: string }> {
  const cli = join(o.root, 'src/cli/main.ts');
  const env = { SWITCHYARD_DATA_DIR: join(o.dir, 'data'), SWITCHYARD_LOG_FORMAT: 'json', SWITCHYARD_LOG_LEVEL: 'info' };
  writeFileSync(join(o.dir, 'bench.yaml'), benchConfig(o.emulatorUrl, o.providerYaml ?? ''));
  const created = spawnSync(process.execPath, [cli, 'keys', 'create', '--name', 'bench', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(created.stderr);
  const key = (JSON.parse(created.stdout) as { key: string }).key;
  const service = await spawnService([...(o.nodeArgs ?? []), cli, 'start', '--config', join(o.dir, 'bench.yaml'), '--port', String(await freePort())], env, o.wrapper);
  return { service, key };
}

/** One emulator behind four providers: `gpt-4o-mini` routes to one target, `routed` to three. */
function benchConfig(emulatorUrl: string, emuYaml: string): string {
  const provider = (id: string) => `  ${id}:\n    type: openai\n    base_url: ${emulatorUrl}/v1\n    api_key: ${UPSTREAM_KEY}\n${id === 'emu' ? emuYaml : ''}`;
  return `providers:\n${provider('emu')}${provider('emu2')}${provider('emu3')}${provider('emu4')}models:
  gpt-4o-mini: emu/gpt-4o-mini
  routed:
    strategy: latency
    targets: [emu2/gpt-4o-mini, emu3/gpt-4o-mini, emu4/gpt-4o-mini]
`;
}
