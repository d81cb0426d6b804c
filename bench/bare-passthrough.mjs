/* global process, console, URL */
/**
 * The bare passthrough of `bare-passthrough.ts` in plain JavaScript: Node loads it without type
 * stripping, so its memory figures (`npm run bench:memory`) are those of the proxy alone, not of the
 * TypeScript loader. Same HTTP stack as Switchyard (node:http in, undici pool out), no auth, no
 * parsing, no records. Usage: node bench/bare-passthrough.mjs UPSTREAM_URL
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';

const upstream = new URL(process.argv[2]);
const pool = new Pool(upstream.origin, { connections: 256, pipelining: 1 });

const server = createServer(async (req, res) => {
  try {
    const up = await pool.request({ method: req.method, path: req.url, headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' }, body: req });
    res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
    for await (const chunk of up.body) res.write(chunk);
    res.end();
  } catch {
    res.destroy();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(`passthrough listening on http://127.0.0.1:${server.address().port}`));
