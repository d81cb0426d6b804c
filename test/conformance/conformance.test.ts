import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from '../integration/gateway-harness.ts';
import { callAnthropicMessages } from './anthropic-messages-client.ts';
import { CASES, type InboundApi } from './conformance-cases.ts';
import { exemption } from './conformance-exemptions.ts';
import { providerSetups } from './conformance-providers.ts';
import type { ChatCall, NormalizedResult } from './normalized-call.ts';
import { callOpenAIChat } from './openai-chat-client.ts';
import { callOpenAIResponses } from './openai-responses-client.ts';
import { writeConformanceDoc, type CellResult } from './write-conformance-doc.ts';

const APIS: InboundApi[] = ['openai-chat', 'openai-responses', 'anthropic-messages'];
const CLIENTS: Record<InboundApi, (base: string, key: string, c: ChatCall) => Promise<NormalizedResult>> = {
  'openai-chat': callOpenAIChat,
  'openai-responses': callOpenAIResponses,
  'anthropic-messages': callAnthropicMessages,
};
/** `CONFORMANCE_PROVIDERS=openai,anthropic` narrows a local run; CI runs every provider. */
const only = process.env.CONFORMANCE_PROVIDERS?.split(',');
const setups = providerSetups().filter((s) => !only || only.includes(s.provider));
const results = new Map<string, CellResult>();

describe('conformance matrix: inbound API × provider', () => {
  const emulators = new Map<string, Emulator>();
  let gw: YamlGateway;

  before(async () => {
    for (const s of setups) emulators.set(s.provider, await startEmulator({ ...s.emulator, provider: s.provider, quiet: true }));
    const yaml = [
      'upstream_defaults:\n  timeouts: { connect_ms: 2000, first_byte_ms: 5000, idle_ms: 5000, total_ms: 20000 }',
      'providers:',
      ...setups.map((s) => `  ${s.provider}:\n    ${s.yaml(emulators.get(s.provider)!.url)}`),
      'models:',
      ...setups.map((s) => `  m-${s.provider}: ${s.provider}/${s.upstreamModel}`),
    ].join('\n');
    gw = await startGatewayFromYaml(yaml);
  });

  after(async () => {
    if (!only) writeConformanceDoc(new URL('../../docs/conformance.md', import.meta.url).pathname, results, APIS, setups.map((s) => s.provider), CASES);
    await gw?.close();
    await Promise.all([...emulators.values()].map((e) => e.close()));
  });

  for (const api of APIS) {
    for (const s of setups) {
      describe(`${api} → ${s.provider}`, () => {
        for (const c of CASES) {
          const reason = exemption(api, s.provider, c.id);
          const key = `${api}|${s.provider}|${c.id}`;
          if (reason) {
            results.set(key, { status: 'unsupported', reason });
            test(c.title, { skip: `not supported: ${reason}` }, () => {});
            continue;
          }
          test(c.title, async () => {
            try {
              await c.run({ api, emulator: emulators.get(s.provider)!, call: (call) => CLIENTS[api](gw.gateway.url, gw.secret, { ...call, model: `m-${s.provider}` }) });
              results.set(key, { status: 'pass' });
            } catch (err) {
              results.set(key, { status: 'fail', message: err instanceof Error ? err.message : String(err) });
              throw err;
            }
          });
        }
      });
    }
  }
});
