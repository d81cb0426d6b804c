import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';

/** What came back on a raw socket: the bytes, the first status code, and whether the server closed the connection. */
export interface RawReply {
  text: string;
  status: number | undefined;
  closed: boolean;
}

/** Parses the status code of the first response in `text`. */
function statusOf(text: string): number | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** True once `text` holds one whole response (headers, and a body of its content-length or its final chunk). */
function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const head = text.slice(0, end).toLowerCase();
  const cl = /\r\ncontent-length: *(\d+)/.exec(head);
  if (cl) return Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(cl[1]);
  if (head.includes('transfer-encoding: chunked')) return text.includes('\r\n0\r\n\r\n', end);
  return false;
}

/**
 * Sends raw bytes to `url`'s host and port (each part of `parts` after `gapMs`) and resolves when the
 * first response is complete or the server closes the connection; `timeoutMs` bounds the wait (then
 * `closed` is false and the socket is destroyed); `headersOnly` for HEAD. For framing games a client library would refuse to play.
 */
export function rawRequest(url: string, parts: (string | Buffer)[] | string | Buffer, o: { gapMs?: number; timeoutMs?: number; untilClose?: boolean; headersOnly?: boolean } = {}): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  const list = Array.isArray(parts) ? parts : [parts];
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, status: statusOf(text), closed });
    };
    const timer = setTimeout(() => finish(false), o.timeoutMs ?? 5_000);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      if (!o.untilClose && (o.headersOnly ? text.includes('\r\n\r\n') : complete(text))) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (err) => (text ? finish(true) : reject(err)));
    socket.on('connect', async () => {
      for (let i = 0; i < list.length; i++) {
        if (i > 0 && o.gapMs) await new Promise((r) => setTimeout(r, o.gapMs));
        if (done || socket.destroyed) return;
        socket.write(list[i]);
      }
    });
  });
}

/** Every response status in a raw reply (pipelined requests produce several). */
export function statuses(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
}

/** The JSON body of the first response in a raw reply. */
export function rawJson(reply: RawReply): { error?: { code: string; message: string; type: string } } & Record<string, unknown> {
  const at = reply.text.indexOf('\r\n\r\n');
  assert.ok(at !== -1, 'no response headers in: ' + reply.text.slice(0, 200));
  const body = reply.text.slice(at + 4);
  return JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as never;
}

/** The gateway still answers `/healthz` (over a new connection): the process survived what came before. */
export async function assertServing(url: string): Promise<void> {
  const res = await fetch(url + '/healthz');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
}
