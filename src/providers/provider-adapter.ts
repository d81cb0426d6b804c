import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../canonical/embeddings.ts';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { CanonicalResponse } from '../canonical/response.ts';
import type { StreamEvent } from '../canonical/stream-event.ts';
import type { ProviderConfig, ProviderType } from '../config/types.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';

/** An HTTP request to a provider, relative to the provider's base URL. Built by pure encoders. */
export interface UpstreamRequest {
  method: 'POST' | 'GET';
  /** Path and query appended to the base URL's path, e.g. `/messages` or `/models/x:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What signing may use besides the request: the clock (SigV4), a per-provider cache that lives as long
 * as the provider's runtime (OAuth tokens), and an HTTP call for token exchanges. No module state.
 */
export interface SignContext {
  now: () => number;
  cache: Map<string, unknown>;
  /** POSTs a form or JSON body to an absolute URL from operator config (never from a request). */
  fetchJson: (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ status: number; json: unknown }>;
}

/**
 * Decodes a provider's streaming response body into canonical events, incrementally.
 * `push` and `end` throw `UpstreamProtocolError` on malformed framing/data or an in-band error event;
 * `end` throws (kind `cut`) when the body ended before the provider's final event.
 */
export interface StreamDecoder {
  push(chunk: Buffer): StreamEvent[];
  end(): StreamEvent[];
}

/**
 * One provider's wire format and auth (DESIGN: "Provider adapter"). Translation is pure and
 * idempotent (safe to re-run on retry); signing is a separate step after translation, because
 * SigV4 signs the final bytes and Vertex needs a fresh OAuth token. Unsupported capabilities are absent.
 */
export interface ProviderAdapter {
  readonly type: ProviderType;
  encodeChatRequest(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest;
  sign(req: UpstreamRequest, p: ProviderConfig, ctx: SignContext): UpstreamRequest | Promise<UpstreamRequest>;
  /** Throws `UpstreamProtocolError` (kind `malformed`) when the body is not the documented shape. */
  decodeChatResponse(json: unknown): CanonicalResponse;
  createStreamDecoder(): StreamDecoder;
  /** Classifies a non-2xx answer (retryable? rate limited with retry-after? context length? auth?). */
  classifyError(status: number, headers: Record<string, string | string[] | undefined>, bodyText: string, providerId: string): UpstreamFailure;
  embeddings?: {
    encode(req: CanonicalEmbeddingRequest, p: ProviderConfig): UpstreamRequest;
    /** `headers`: the response headers, for providers that report usage only there (Bedrock `x-amzn-bedrock-input-token-count`). */
    decode(json: unknown, headers?: Record<string, string | string[] | undefined>): CanonicalEmbeddingResponse;
    /**
     * Most inputs one upstream call accepts for `model` (Bedrock Titan: 1, Cohere on Bedrock: 96). The caller
     * splits a larger batch into calls of at most this many, in order, concatenates the vectors and sums usage.
     * Absent: no limit.
     */
    maxInputsPerCall?(model: string): number;
  };
  /**
   * Counts a request's input tokens without generating (`POST /v1/messages/count_tokens`). `encode` returns
   * undefined when this provider's endpoint has no counting API (an OpenAI-compatible server); the gateway
   * then answers with its estimate. Absent: the provider never counts.
   */
  countTokens?: {
    encode(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest | undefined;
    /** The input token count; throws `UpstreamProtocolError` (kind `malformed`) when the answer has none. */
    decode(json: unknown): number;
  };
}

/** A provider spoke its protocol wrong, reported an error in-band, or stopped early. */
export class UpstreamProtocolError extends Error {
  override name = 'UpstreamProtocolError';
  readonly kind: 'malformed' | 'upstream_error' | 'cut';
  /** For `upstream_error`: the provider's error type/code (e.g. `overloaded_error`), used to classify. */
  readonly code?: string;
  constructor(kind: 'malformed' | 'upstream_error' | 'cut', message: string, code?: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}
