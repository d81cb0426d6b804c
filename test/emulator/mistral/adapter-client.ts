import type { CanonicalRequest } from '../../../src/canonical/request.ts';
import type { StreamEvent } from '../../../src/canonical/stream-event.ts';
import type { ProviderConfig } from '../../../src/config/types.ts';
import { mistralAdapter } from '../../../src/providers/mistral/mistral-adapter.ts';
import type { Emulator } from '../server.ts';

export const MISTRAL_KEY = 'mistral-test-key';

/** A provider config pointing the Mistral adapter at an emulator's `/v1`. */
export function mistralProvider(emulator: Emulator): ProviderConfig {
  return { id: 'mistral-emu', type: 'mistral', baseUrl: `${emulator.url}/v1`, apiKey: MISTRAL_KEY, headers: {} } as unknown as ProviderConfig;
}

/** A canonical request with one user message carrying `text` (and any `[emu ...]` marker). */
export function userRequest(text: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'mistral-small-latest', system: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...over };
}

/** Encodes and signs with the adapter, then sends to the emulator over HTTP. */
export async function sendThroughAdapter(emulator: Emulator, req: CanonicalRequest): Promise<Response> {
  const p = mistralProvider(emulator);
  const signed = await mistralAdapter.sign(mistralAdapter.encodeChatRequest(req, p), p, { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 0, json: null }) });
  return fetch(`${p.baseUrl}${signed.path}`, { method: signed.method, headers: signed.headers, body: signed.body });
}

/** Streams a response body through the adapter's decoder; returns the events and the decoder's error, if any. */
export async function decodeStream(res: Response): Promise<{ events: StreamEvent[]; error?: unknown }> {
  const decoder = mistralAdapter.createStreamDecoder();
  const events: StreamEvent[] = [];
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) events.push(...decoder.push(Buffer.from(chunk)));
    events.push(...decoder.end());
    return { events };
  } catch (error) {
    return { events, error };
  }
}
