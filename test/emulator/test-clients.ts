import OpenAI from 'openai';
import type { Emulator } from './server.ts';

/** The official OpenAI SDK pointed at an emulator, with retries off so faults surface once. */
export function openAIClient(emulator: Emulator, apiKey = 'sk-test'): OpenAI {
  return new OpenAI({ baseURL: `${emulator.url}/v1`, apiKey, maxRetries: 0, logLevel: 'off' });
}

/** A chat request body whose only user message carries `text` (and thus any `[emu ...]` marker). */
export function chatBody(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }], ...extra };
}

/** POSTs JSON with fetch, bypassing the SDK, for byte-level assertions. */
export function postJson(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Splits a complete SSE body into the data payload of each event. */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => frame.split('\n').map((line) => line.slice('data: '.length)).join('\n'));
}
