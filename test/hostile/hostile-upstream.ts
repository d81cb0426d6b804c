import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one hostile upstream request went: its mode, and whether the gateway hung up before the upstream finished. */
export interface HostileHit {
  mode: string;
  path: string;
  headers: IncomingMessage['headers'];
  bytesSent: number;
  closedByGateway: boolean;
}

type Behaviour = (res: ServerResponse, hit: HostileHit, body: Record<string, unknown>) => void;

const chunk = (content: string, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }], ...extra })}\n\n`;

const completion = (usage: unknown, model: unknown = 'm') => JSON.stringify({
  id: 'c', object: 'chat.completion', created: 1, model,
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage,
});

const streamWithUsage = (usage: unknown) => chunk('ok') + `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`
  + `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage })}\n\ndata: [DONE]\n\n`;

/** Writes `piece` again and again until the gateway hangs up, respecting backpressure. */
function endless(res: ServerResponse, hit: HostileHit, piece: string | Buffer, gapMs: number): void {
  const write = () => {
    if (hit.closedByGateway || res.destroyed) return;
    hit.bytesSent += piece.length;
    const ok = res.write(piece);
    if (gapMs > 0) setTimeout(write, gapMs);
    else if (ok) setImmediate(write);
    else res.once('drain', write);
  };
  write();
}

const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });
const json = (res: ServerResponse, status: number, text: string, type = 'application/json') => res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);

/**
 * Upstream misbehaviours, chosen by the last user message (`mode:<name>`), speaking the OpenAI
 * chat wire format just well enough to be believed. `key` is the API key the gateway is configured
 * with, for the upstream that quotes it back.
 */
function behaviours(key: string): Record<string, Behaviour> {
  return {
    'endless-stream': (res, hit) => { sse(res); endless(res, hit, chunk('more'), 50); },
    'silent-after-first': (res) => { sse(res); res.write(chunk('one')); },
    'silence': () => {},
    'endless-json': (res, hit) => { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"id":"c","choices":[{"message":{"content":"'); endless(res, hit, Buffer.alloc(1 << 20, 0x61), 0); },
    'usage-1e300': (res) => json(res, 200, completion({ prompt_tokens: 1e300, completion_tokens: 1e300, total_tokens: 1e300 })),
    'usage-negative': (res) => json(res, 200, completion({ prompt_tokens: -5, completion_tokens: -5, total_tokens: -10 })),
    'usage-strings': (res) => json(res, 200, completion({ prompt_tokens: '12', completion_tokens: 'many', total_tokens: null })),
    'stream-usage-1e300': (res) => { sse(res); res.end(streamWithUsage({ prompt_tokens: 1e300, completion_tokens: 1e300, total_tokens: 1e300 })); },
    'malformed-sse': (res) => { sse(res); res.end(chunk('ok') + 'data: {"id": broken\n\n' + 'event\0: x\r\r\n' + chunk('after') + 'data: [DONE]\n\n'); },
    'huge-sse-line': (res, hit) => { sse(res); res.write(chunk('ok') + 'data: '); endless(res, hit, Buffer.alloc(1 << 20, 0x61), 0); },
    'html-200': (res) => json(res, 200, '<html><body>Gateway Timeout</body></html>', 'text/html'),
    'json-for-stream': (res) => json(res, 200, completion({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 })),
    'invalid-json': (res) => json(res, 200, '{"id":"c","choices":[{'),
    'redirect': (res) => res.writeHead(307, { location: 'http://127.0.0.1:9/v1/chat/completions' }).end(),
    'huge-header': (res) => res.writeHead(200, { 'content-type': 'application/json', 'x-huge': 'a'.repeat(64 * 1024) }).end(completion({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 })),
    'crlf-model': (res) => json(res, 200, completion({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, 'm\r\nx-injected: 1')),
    'non-latin1-model': (res) => json(res, 200, completion({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, 'модель-€')),
    'quote-key-error': (res) => json(res, 400, JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com.`, type: 'invalid_request_error', param: key, code: `invalid_api_key ${key}` } })),
  };
}

export interface HostileUpstream {
  url: string;
  hits: HostileHit[];
  close(): Promise<void>;
}

/** Starts the hostile upstream on an ephemeral port. */
export async function startHostileUpstream(key: string): Promise<HostileUpstream> {
  const modes = behaviours(key);
  const hits: HostileHit[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { messages?: { content?: unknown }[] };
      const last = String(body.messages?.at(-1)?.content ?? '');
      const mode = /mode:([\w-]+)/.exec(last)?.[1] ?? 'usage-strings';
      const hit: HostileHit = { mode, path: req.url ?? '', headers: req.headers, bytesSent: 0, closedByGateway: false };
      hits.push(hit);
      res.on('close', () => {
        if (!res.writableFinished) hit.closedByGateway = true;
      });
      (modes[mode] ?? modes['usage-strings'])(res, hit, body);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
