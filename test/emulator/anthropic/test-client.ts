import Anthropic from '@anthropic-ai/sdk';
import type { Emulator } from '../server.ts';

/** The official Anthropic SDK pointed at an emulator, with retries off so faults surface once. */
export function anthropicClient(emulator: Emulator, apiKey = 'sk-ant-test'): Anthropic {
  return new Anthropic({ baseURL: emulator.url, apiKey, maxRetries: 0, logLevel: 'off' });
}

/** A Messages body whose only user turn carries `text` (and thus any `[emu ...]` marker). */
export function messagesBody(text: string, model = 'claude-haiku-4-5'): Anthropic.MessageCreateParamsNonStreaming {
  return { model, max_tokens: 1024, messages: [{ role: 'user', content: text }] };
}

/** The headers a raw Messages call needs. */
export function anthropicHeaders(apiKey: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', ...extra };
}

/** Splits a complete named-event SSE body into `{event, data}` pairs (data parsed as JSON). */
export function namedEvents(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? '';
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice('data: '.length)).join('\n');
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
