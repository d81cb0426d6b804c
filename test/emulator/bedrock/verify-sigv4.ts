import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { canonicalRequest, deriveSigningKey } from '../../../src/providers/bedrock/sign-aws-sigv4.ts';

/** Why AWS would reject a request's signature: the exception type and message it answers 403 with. */
export interface SignatureRejection {
  type: 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'UnrecognizedClientException' | 'InvalidSignatureException';
  message: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 5 * 60 * 1000;
const MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const REJECTION = Symbol('bedrock.signatureRejection');
type WithRejection = IncomingMessage & { [REJECTION]?: SignatureRejection };

/**
 * `WireFormat.isAuthorized` for Bedrock: verifies the signature and leaves the reason of a failure
 * on the request itself, where `sendBedrockError` reads it to answer as AWS would.
 */
export function isSignedByKey(req: IncomingMessage, apiKey: string, body: Buffer): boolean {
  const rejection = verifySigV4(req, body, parseAwsKey(apiKey));
  if (rejection) (req as WithRejection)[REJECTION] = rejection;
  return rejection === undefined;
}

export function signatureRejectionOf(req: IncomingMessage): SignatureRejection | undefined {
  return (req as WithRejection)[REJECTION];
}

/** Splits the emulator's Bedrock credential string `accessKeyId:secretAccessKey`. */
export function parseAwsKey(apiKey: string): { accessKeyId: string; secretAccessKey: string } {
  const colon = apiKey.indexOf(':');
  return { accessKeyId: apiKey.slice(0, colon), secretAccessKey: apiKey.slice(colon + 1) };
}

/**
 * Checks everything about a SigV4 Authorization header that does not need the body: present and
 * well-formed, known access key, service `bedrock`, `x-amz-date` signed and within 5 minutes.
 */
export function checkSignatureHeaders(req: IncomingMessage, accessKeyId: string, now = Date.now()): SignatureRejection | { auth: RegExpExecArray; date: string } {
  const header = req.headers.authorization;
  if (header === undefined) return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const auth = AUTH.exec(header);
  if (!auth) return { type: 'IncompleteSignatureException', message: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${header.split(' ')[0]}` };
  if (auth[1] !== accessKeyId) return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  if (auth[4] !== 'bedrock') return { type: 'InvalidSignatureException', message: `Credential should be scoped to correct service: 'bedrock'.` };
  const signed = auth[5].split(';');
  const date = req.headers['x-amz-date'];
  if (!signed.includes('host') || !signed.includes('x-amz-date') || typeof date !== 'string' || !/^\d{8}T\d{6}Z$/.test(date)) {
    return { type: 'IncompleteSignatureException', message: 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header, signed with host.' };
  }
  const at = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
  if (Math.abs(now - at) > MAX_SKEW_MS) return { type: 'InvalidSignatureException', message: `Signature expired: ${date} is now earlier than the 5-minute window around the server time.` };
  if (date.slice(0, 8) !== auth[2]) return { type: 'InvalidSignatureException', message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth[2]}' != '${date.slice(0, 8)}'` };
  return { auth, date };
}

/**
 * Recomputes the SigV4 signature of a received request from its raw path, the headers it says it
 * signed and the SHA-256 of the exact body bytes, as AWS does, and compares it in constant time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export function verifySigV4(req: IncomingMessage, body: Buffer, creds: { accessKeyId: string; secretAccessKey: string }, now = Date.now()): SignatureRejection | undefined {
  const checked = checkSignatureHeaders(req, creds.accessKeyId, now);
  if ('type' in checked) return checked;
  const { auth, date } = checked;
  const payloadHash = createHash('sha256').update(body).digest('hex');
  const claimed = req.headers['x-amz-content-sha256'];
  if (typeof claimed === 'string' && claimed !== payloadHash) return { type: 'InvalidSignatureException', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  const headers: Record<string, string> = {};
  for (const name of auth[5].split(';')) {
    const v = req.headers[name];
    if (v === undefined) return { type: 'InvalidSignatureException', message: `Signed header ${name} is missing from the request.` };
    headers[name] = Array.isArray(v) ? v.join(',') : v;
  }
  const canonical = canonicalRequest(req.method ?? 'GET', req.url ?? '/', headers, payloadHash);
  const scope = `${auth[2]}/${auth[3]}/${auth[4]}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${createHash('sha256').update(canonical.text).digest('hex')}`;
  const expected = createHmac('sha256', deriveSigningKey(creds.secretAccessKey, auth[2], auth[3], auth[4])).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(auth[6], 'hex')) ? undefined : { type: 'InvalidSignatureException', message: MISMATCH };
}
