import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROVIDER_FORMATS, type EmulatedProvider } from './provider-routes.ts';
import { startEmulator, type EmulatorOptions } from './server.ts';

const USAGE = `usage: sh scripts/node.sh test/emulator/main.ts [--provider P] [--port N] [--host H] [--api-key K] [--models a,b]
       [--seed N] [--aws-access-key-id ID --aws-secret-access-key SECRET] [--gcp-public-key-file PEM]
providers: ${Object.keys(PROVIDER_FORMATS).join(', ')} (one provider per process: run one per port)`;

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'api-key': { type: 'string' },
    models: { type: 'string' },
    seed: { type: 'string' },
    'aws-access-key-id': { type: 'string' },
    'aws-secret-access-key': { type: 'string' },
    'gcp-public-key-file': { type: 'string' },
    help: { type: 'boolean' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const provider = values.provider ?? 'openai';
if (!Object.hasOwn(PROVIDER_FORMATS, provider)) fail(`unknown --provider "${provider}"`);
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer from 0 to 65535, not "${values.port}"`);
const opts: EmulatorOptions = { provider: provider as EmulatedProvider, port };
if (values.host !== undefined) opts.host = values.host;
if (values['api-key'] !== undefined) opts.apiKey = values['api-key'];
if (values.models !== undefined) opts.models = values.models.split(',').map((m) => m.trim()).filter((m) => m !== '');
if (values.seed !== undefined) {
  if (!Number.isSafeInteger(Number(values.seed))) fail(`--seed must be an integer, not "${values.seed}"`);
  opts.seed = Number(values.seed);
}
const awsId = values['aws-access-key-id'];
const awsSecret = values['aws-secret-access-key'];
if ((awsId === undefined) !== (awsSecret === undefined)) fail('give --aws-access-key-id and --aws-secret-access-key together');
if (awsId !== undefined && awsSecret !== undefined) {
  if (provider !== 'bedrock') fail('--aws-access-key-id and --aws-secret-access-key are for --provider bedrock');
  opts.aws = { accessKeyId: awsId, secretAccessKey: awsSecret };
}
if (values['gcp-public-key-file'] !== undefined) {
  if (provider !== 'vertex') fail('--gcp-public-key-file is for --provider vertex');
  opts.gcpPublicKeyPem = readFileSync(values['gcp-public-key-file'], 'utf8');
}

const emulator = await startEmulator(opts).catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  fail(e.code === 'EADDRINUSE' ? `port ${port} is already in use; choose another --port (0 picks a free one)` : `could not start: ${e.message}`);
});
console.log(`emulator listening on ${emulator.url} as ${provider}`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
