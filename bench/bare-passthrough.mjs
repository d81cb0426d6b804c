/* global process, console, URL */
/**
 * The baseline of every bench: a bare passthrough proxy in a few lines on the same HTTP stack as
 * Switchyard (node:http in, undici pool out). No auth, no parsing, no records: the floor any gateway
 * pays. Plain JavaScript, so Node loads it without type stripping and its memory figures
 * (`npm run bench:memory`) are those of the proxy alone, not of the TypeScript loader.
 * Usage: node bench/bare-passthrough.mjs UPSTREAM_URL
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
