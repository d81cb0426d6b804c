import type { ProviderConfig } from '../../../src/config/types.ts';
import type { UpstreamRequest } from '../../../src/providers/provider-adapter.ts';
import { signBedrockRequest } from '../../../src/providers/bedrock/sign-bedrock-request.ts';

export const TEST_AWS = { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'emulator/secret+key' };

/** A Bedrock provider config pointing at an emulator, as the gateway would build it from YAML. */
export function bedrockProvider(url: string, aws = TEST_AWS): ProviderConfig {
  return {
    id: 'bedrock-emu',
    type: 'bedrock',
    baseUrl: url,
    region: 'us-east-1',
    aws,
    headers: {},
    maxConnections: 8,
    timeouts: { connectMs: 1000, firstByteMs: 5000, idleMs: 5000, totalMs: 10000 },
  };
}

/** Signs and sends one request to the emulator the way the gateway does, over real HTTP. */
export async function sendSigned(url: string, req: UpstreamRequest, opts: { aws?: typeof TEST_AWS; now?: number; tamper?: (r: UpstreamRequest) => UpstreamRequest } = {}): Promise<Response> {
  const p = bedrockProvider(url, opts.aws);
  let signed = signBedrockRequest(req, p, { now: () => opts.now ?? Date.now(), cache: new Map(), fetchJson: () => Promise.reject(new Error('unused')) });
  if (opts.tamper) signed = opts.tamper(signed);
  return fetch(url + signed.path, { method: signed.method, headers: signed.headers, body: signed.body });
}

/** A Converse body posted to `/model/{id}/converse[-stream]`, signed. */
export function converse(url: string, modelId: string, body: unknown, stream = false): Promise<Response> {
  const path = `/model/${encodeURIComponent(modelId)}/${stream ? 'converse-stream' : 'converse'}`;
  return sendSigned(url, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The Converse response fields the tests read. */
export interface ConverseJson {
  output: { message: { role: string; content: Array<{ text?: string; toolUse?: { toolUseId: string; name: string; input: unknown }; reasoningContent?: { reasoningText: { text: string; signature: string } } }> } };
  stopReason: string;
  usage: Record<string, number>;
  metrics: { latencyMs: number };
}

/** The embedding response fields the tests read (Titan and Cohere bodies). */
export interface InvokeJson {
  embedding: number[];
  inputTextTokenCount: number;
  embeddingsByType: { float: number[] };
  response_type: string;
  texts: string[];
  embeddings: number[][];
}

export const readJson = async <T = ConverseJson>(res: Response): Promise<T> => (await res.json()) as T;
