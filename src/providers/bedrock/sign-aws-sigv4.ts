import { createHash, createHmac } from 'node:crypto';
import { canonicalQuery, canonicalUri } from './aws-uri-encode.ts';

/** Static AWS credentials; a session token comes with temporary (STS) credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The request as it will be sent: `path` is the wire path (percent-encoded once) with an optional `?query`. */
export interface SigV4Request {
  method: string;
  /** `host[:port]` exactly as the Host header will carry it. */
  host: string;
  path: string;
  /** Headers that will be sent and should be signed (e.g. content-type). Names are case-insensitive. */
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SigV4Options {
  service: string;
  region: string;
  credentials: AwsCredentials;
  /** Signing time, ms since the epoch. */
  now: number;
  /** Sends and signs `x-amz-content-sha256` (default true). AWS's published test suite signs without it. */
  contentSha256Header?: boolean;
}

export interface SigV4Result {
  /** Headers to add to the request: `x-amz-date`, `authorization`, and `x-amz-content-sha256` / `x-amz-security-token` when used. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** Headers that proxies and clients rewrite, so signing them would break the signature (as the AWS SDKs skip them). */
const UNSIGNED = new Set(['authorization', 'user-agent', 'x-amzn-trace-id', 'expect', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'te', 'upgrade']);
const ALGORITHM = 'AWS4-HMAC-SHA256';

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20150830T123600Z` for a time in ms. */
export function amzDate(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** HMAC chain date → region → service → `aws4_request`, keyed first by `AWS4` + secret. */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

/**
 * The canonical request of AWS Signature Version 4: method, canonical URI, canonical query,
 * canonical headers (lowercase names, trimmed values with inner runs of spaces collapsed, sorted),
 * signed header names, and the hex SHA-256 of the payload.
 */
export function canonicalRequest(method: string, path: string, headers: Record<string, string>, payloadHash: string): { text: string; signedHeaders: string } {
  const q = path.indexOf('?');
  const wirePath = q === -1 ? path : path.slice(0, q);
  const query = q === -1 ? '' : path.slice(q + 1);
  const names = Object.keys(headers).sort();
  const lines = names.map((n) => `${n}:${headers[n].trim().replace(/ {2,}/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  return { text: `${method}\n${canonicalUri(wirePath)}\n${canonicalQuery(query)}\n${lines}\n${signedHeaders}\n${payloadHash}`, signedHeaders };
}

/**
 * Signs a request with AWS Signature Version 4 in the Authorization header.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export function signAwsSigV4(req: SigV4Request, o: SigV4Options): SigV4Result {
  const date = amzDate(o.now);
  const day = date.slice(0, 8);
  const payloadHash = sha256Hex(req.body);
  const added: Record<string, string> = { 'x-amz-date': date };
  if (o.contentSha256Header !== false) added['x-amz-content-sha256'] = payloadHash;
  if (o.credentials.sessionToken) added['x-amz-security-token'] = o.credentials.sessionToken;
  const toSign: Record<string, string> = { host: req.host };
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (!UNSIGNED.has(lower)) toSign[lower] = value;
  }
  Object.assign(toSign, added);
  const canonical = canonicalRequest(req.method, req.path, toSign, payloadHash);
  const scope = `${day}/${o.region}/${o.service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${sha256Hex(canonical.text)}`;
  const signature = createHmac('sha256', deriveSigningKey(o.credentials.secretAccessKey, day, o.region, o.service)).update(stringToSign, 'utf8').digest('hex');
  return {
    headers: { ...added, authorization: `${ALGORITHM} Credential=${o.credentials.accessKeyId}/${scope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}` },
    canonicalRequest: canonical.text,
    stringToSign,
    signature,
  };
}
