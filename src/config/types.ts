/**
 * The validated, normalized configuration the gateway runs on.
 * Produced by `loadConfigFile` / `parseConfigText` from `switchyard.yaml` (snake_case keys there,
 * camelCase here) or by `defaultConfig` when no file is given. Every default is already applied.
 */
export interface Config {
  server: ServerConfig;
  providers: Record<string, ProviderConfig>;
  models: Record<string, ModelConfig>;
  pricing: PricingConfig;
}

export interface ServerConfig {
  /** Bind address. Default 127.0.0.1 (safe by default; set 0.0.0.0 in containers). */
  host: string;
  /** Default 4000; overridden by `PORT` and `--port`. */
  port: number;
  /** Admin plane bind. When `port` is absent the admin API shares the data-plane listener. */
  admin: { host?: string; port?: number };
  limits: {
    /** Largest accepted request body. Default 4 MiB. */
    maxBodyBytes: number;
    /** Deepest accepted JSON nesting. Default 64. */
    maxJsonDepth: number;
    /** Largest accepted request header block. Default 16 KiB. */
    maxHeaderBytes: number;
  };
  timeouts: {
    /** A client must finish sending its body within this. Default 30 s. */
    clientBodyMs: number;
  };
  records: {
    /** Request records held in memory before the oldest are dropped (and counted). Default 50,000. */
    queueMax: number;
    /** Records written per transaction. Default 500. */
    batchSize: number;
    /** Flush interval. Default 1 s. */
    flushIntervalMs: number;
  };
}

/** Upstream timeouts; defaults come from `upstream_defaults` in the file and can be overridden per provider. */
export interface UpstreamTimeouts {
  /** TCP+TLS connect. Default 5 s. */
  connectMs: number;
  /** Request sent → response headers. Default 60 s. */
  firstByteMs: number;
  /** Longest silence between two body chunks (streams). Default 30 s. */
  idleMs: number;
  /** Whole attempt, headers to last byte. Default 10 min. */
  totalMs: number;
}

export type ProviderType =
  | 'openai'
  | 'openai-compatible'
  | 'anthropic'
  | 'gemini'
  | 'vertex'
  | 'bedrock'
  | 'azure-openai'
  | 'mistral'
  | 'cohere';

export interface ProviderConfig {
  /** The key under `providers:` in the file. */
  id: string;
  type: ProviderType;
  /** Base URL including the version path, no trailing slash, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** After `${ENV}` interpolation. Absent or empty means no Authorization header is sent. */
  apiKey?: string;
  /** Extra static headers sent upstream (e.g. OpenAI-Organization). */
  headers: Record<string, string>;
  /** Keep-alive pool size for this upstream. Default 256. */
  maxConnections: number;
  timeouts: UpstreamTimeouts;
  /** anthropic: the `anthropic-version` header (default 2023-06-01); azure-openai: the `api-version` query (default 2024-10-21). */
  apiVersion?: string;
  /** vertex and bedrock: the cloud region (e.g. us-central1, us-east-1). Required for both. */
  region?: string;
  /** vertex: the GCP project id. Required. */
  project?: string;
  /** bedrock: static AWS credentials (after `${ENV}` interpolation). Required for bedrock. */
  aws?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** vertex: the service-account key used to mint OAuth access tokens. Required for vertex. */
  gcpServiceAccount?: { clientEmail: string; privateKey: string; tokenUri: string };
  /** azure-openai: a Microsoft Entra ID bearer token, used instead of `apiKey`. */
  azureAdToken?: string;
  /** azure-openai: public model name → deployment name; a model without an entry uses its own name as the deployment. */
  deployments?: Record<string, string>;
}

export interface ModelTarget {
  provider: string;
  /** The model name sent upstream. */
  model: string;
}

export interface ModelConfig {
  /** Public name clients send as `model`. */
  name: string;
  /** Tried in order: the next target is used when one fails with a retryable error. */
  targets: ModelTarget[];
}

/** Operator price overrides, decimal USD per million tokens as written in the file (validated). */
export interface PriceOverride {
  /** Provider id from `providers:`; absent matches the model on any provider. */
  provider?: string;
  model: string;
  inputPerMTok: string;
  outputPerMTok: string;
  cacheReadPerMTok?: string;
  cacheWritePerMTok?: string;
  reasoningPerMTok?: string;
}

export interface PricingConfig {
  overrides: PriceOverride[];
}
