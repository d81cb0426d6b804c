import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext, UpstreamRequest } from '../provider-adapter.ts';
import { signAwsSigV4 } from './sign-aws-sigv4.ts';

/** Bedrock Runtime's SigV4 signing name (the endpoint is `bedrock-runtime.<region>`, the service is `bedrock`). */
export const BEDROCK_SIGNING_SERVICE = 'bedrock';

/**
 * Signs the final request bytes with the provider's static AWS credentials. The host and path
 * prefix come from the operator's `base_url`, so the signature covers exactly what is sent.
 * Throws (no credential in the message) when the provider lacks credentials or a region.
 */
export function signBedrockRequest(req: UpstreamRequest, p: ProviderConfig, ctx: SignContext): UpstreamRequest {
  if (!p.aws?.accessKeyId || !p.aws.secretAccessKey) throw new Error(`provider ${p.id} has no aws access_key_id / secret_access_key configured`);
  if (!p.region) throw new Error(`provider ${p.id} has no region configured`);
  const base = new URL(p.baseUrl);
  const signed = signAwsSigV4(
    { method: req.method, host: base.host, path: base.pathname.replace(/\/+$/, '') + req.path, headers: req.headers, body: req.body },
    { service: BEDROCK_SIGNING_SERVICE, region: p.region, credentials: p.aws, now: ctx.now() },
  );
  return { ...req, headers: { ...req.headers, ...signed.headers } };
}
