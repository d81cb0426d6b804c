import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'api-key': { type: 'string' },
  },
});

const emulator = await startEmulator({
  port: values.port === undefined ? 0 : Number(values.port),
  ...(values.host !== undefined ? { host: values.host } : {}),
  ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
});
console.log(`emulator listening on ${emulator.url}`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
