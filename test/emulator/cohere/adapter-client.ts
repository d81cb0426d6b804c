import type { CanonicalRequest } from '../../../src/canonical/request.ts';
import type { StreamEvent } from '../../../src/canonical/stream-event.ts';
import type { ProviderConfig } from '../../../src/config/types.ts';
import { cohereAdapter } from '../../../src/providers/cohere/cohere-adapter.ts';
import type { Emulator } from '../server.ts';

export const COHERE_KEY = 'cohere-test-key';

/** A provider config pointing the Cohere adapter at an emulator's `/v2`. */
export function cohereProvider(emulator: Emulator): ProviderConfig {
  return { id: 'cohere-emu', type: 'cohere', baseUrl: `${emulator.url}/v2`, apiKey: COHERE_KEY, headers: {} } as unknown as ProviderConfig;
}

export function userRequest(text: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'command-a-03-2025', system: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...over };
}

const signContext = { now: Date.now, cache: new Map<string, unknown>(), fetchJson: async () => ({ status: 0, json: null }) };

/** Encodes and signs a chat request with the adapter, then sends it to the emulator over HTTP. */
export async function sendThroughAdapter(emulator: Emulator, req: CanonicalRequest): Promise<Response> {
  const p = cohereProvider(emulator);
  const signed = await cohereAdapter.sign(cohereAdapter.encodeChatRequest(req, p), p, signContext);
  return fetch(`${p.baseUrl}${signed.path}`, { method: signed.method, headers: signed.headers, body: signed.body });
}

/** Streams a body through the adapter's decoder; returns the events and the decoder's (or transport's) error. */
export async function decodeStream(res: Response): Promise<{ events: StreamEvent[]; error?: unknown }> {
  const decoder = cohereAdapter.createStreamDecoder();
  const events: StreamEvent[] = [];
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) events.push(...decoder.push(Buffer.from(chunk)));
    events.push(...decoder.end());
    return { events };
  } catch (error) {
    return { events, error };
  }
}

/** Classifies a non-2xx response with the adapter, as the gateway does. */
export async function classify(res: Response) {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return cohereAdapter.classifyError(res.status, headers, await res.text(), 'cohere-emu');
}
