/** One sample request of the demo and how to summarise its answer in a table cell. */
export interface DemoRequest {
  label: string;
  path: string;
  body?: Record<string, unknown>;
  summarize: (status: number, text: string) => string;
}

const clip = (s: string, n = 48) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function chatSummary(status: number, text: string): string {
  if (status !== 200) return errorSummary(text);
  const j = JSON.parse(text) as { choices: { message: { content: string } }[]; usage: { prompt_tokens: number; completion_tokens: number } };
  return clip(`"${j.choices[0].message.content}" (${j.usage.prompt_tokens} in / ${j.usage.completion_tokens} out tokens)`);
}

function streamSummary(status: number, text: string): string {
  if (status !== 200) return errorSummary(text);
  const events = text.split('\n\n').filter((e) => e.startsWith('data: '));
  const done = events.at(-1) === 'data: [DONE]';
  return `${events.length} SSE events${done ? ', ended with [DONE]' : ', NO [DONE]'}`;
}

function errorSummary(text: string): string {
  try {
    return clip(`error: ${(JSON.parse(text) as { error: { message: string } }).error.message}`, 64);
  } catch {
    return clip(text);
  }
}

/** `count` requests cycling through chat, streaming chat, embeddings, models and two instructive errors. */
export function demoRequests(count: number): DemoRequest[] {
  const kinds: DemoRequest[] = [
    { label: 'chat', path: '/v1/chat/completions', body: { model: 'demo-chat', messages: [{ role: 'user', content: 'Say hello to Switchyard' }] }, summarize: chatSummary },
    { label: 'chat (stream)', path: '/v1/chat/completions', body: { model: 'demo-chat', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Stream a greeting' }] }, summarize: streamSummary },
    { label: 'embeddings', path: '/v1/embeddings', body: { model: 'demo-embed', input: ['switchyard', 'gateway'] }, summarize: (s, t) => (s === 200 ? `${(JSON.parse(t) as { data: unknown[] }).data.length} vectors` : errorSummary(t)) },
    { label: 'models', path: '/v1/models', summarize: (s, t) => (s === 200 ? (JSON.parse(t) as { data: { id: string }[] }).data.map((m) => m.id).join(', ') : errorSummary(t)) },
    { label: 'unknown model', path: '/v1/chat/completions', body: { model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }, summarize: (_s, t) => errorSummary(t) },
    { label: 'upstream 429', path: '/v1/chat/completions', body: { model: 'demo-chat', messages: [{ role: 'user', content: 'throttle me [emu status=429 retry_after=1]' }] }, summarize: (_s, t) => errorSummary(t) },
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]);
}
