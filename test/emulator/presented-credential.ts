import type { IncomingMessage } from 'node:http';

const SIGV4_CREDENTIAL = /Credential=([^/,\s]+)\//;

/**
 * The credential a request presented, in whichever place its provider puts it: `Authorization: Bearer`
 * (OpenAI, Mistral, Cohere, Vertex, Azure with Entra ID), `x-api-key` (Anthropic), `api-key` (Azure),
 * `x-goog-api-key` or `?key=` (Gemini), or the access key id of a SigV4 `Authorization` (Bedrock).
 * What `echo_credential` quotes back, as a careless or hostile upstream would.
 */
export function presentedCredential(req: IncomingMessage): string | undefined {
  const h = req.headers;
  const auth = typeof h.authorization === 'string' ? h.authorization : undefined;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) return SIGV4_CREDENTIAL.exec(auth)?.[1];
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  for (const name of ['x-api-key', 'api-key', 'x-goog-api-key']) {
    const value = h[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return new URL(req.url ?? '/', 'http://emulator').searchParams.get('key') ?? undefined;
}
