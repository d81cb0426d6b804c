import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

/**
 * The two parts of undici the gateway uses, loaded from their own modules: `import … from 'undici'`
 * loads the whole library (fetch, WebSocket, caches, mocks, proxies) and costs about 14 MB more
 * resident memory for nothing the data plane calls (see docs/benchmarks.md, memory). The version
 * is pinned exactly (package.json), so these paths cannot move under us unnoticed.
 */
export const Pool: typeof Undici.Pool = require('undici/lib/dispatcher/pool.js');
export type Pool = Undici.Pool;

/** undici's raw-header parser (`util.parseHeaders`). */
export const parseHeaders: typeof Undici.util.parseHeaders = (require('undici/lib/core/util.js') as typeof Undici.util).parseHeaders;
