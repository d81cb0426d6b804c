import type { IncomingHttpHeaders } from 'node:http';

/**
 * Fault and behaviour controls for one emulated request. Integration tests set them
 * per request through an inline `[emu name=value]` marker because the gateway does not
 * forward client headers upstream; see docs/emulator.md for the full table.
 */
export interface Directives {
  latency_ms?: number;
  tokens?: number;
  token_delay_ms?: number;
  status?: number;
  retry_after?: number;
  error_code?: string;
  error_message?: string;
  /** Override `error.param` (formats whose errors have one: OpenAI, Azure). */
  error_param?: string;
  /**
   * Streams: after N content frames, send the provider's in-band error event (OpenAI `data: {"error": …}`,
   * Anthropic `event: error`, Bedrock an exception message) with `error_code` / `error_message` /
   * `error_param` applied, then end the response. Formats without an in-band error ignore it.
   */
  error_after?: number;
  /**
   * Errors (`status`, `error_after`): quote the credential the request presented (its bearer token,
   * `x-api-key`, `api-key`, Gemini key or SigV4 access key id) in the message, code and param, unless
   * `error_message` / `error_code` / `error_param` say otherwise; as a careless or hostile upstream would.
   */
  echo_credential?: boolean;
  hang?: boolean;
  hang_after?: number;
  cut_after?: number;
  malformed_sse?: boolean;
  finish_reason?: FinishReasonDirective;
  reasoning_tokens?: number;
  cached_tokens?: number;
  /** Prompt tokens reported as written to the cache (Anthropic `cache_creation_input_tokens`, Bedrock `cacheWriteInputTokens`). */
  cache_write_tokens?: number;
  tool_call?: string;
  tool_calls?: number;
  fail_rate?: number;
  /** The status `fail_rate` failures answer with; default 503. */
  fail_status?: number;
  /** Destroy the connection without any response (after reading the body), as a dead or resetting upstream does. */
  reset?: boolean;
  /** Streams: after the response headers, send nothing for this long (a slow first token). */
  first_token_ms?: number;
  /** Streams: after the last frame, keep the response open this long before ending it (an upstream slow to close). */
  end_delay_ms?: number;
  /** Answer the provider's context-length error when the prompt's tokens (as the emulator counts them) exceed this. */
  context_window?: number;
  /** Report this as the prompt (input) token count instead of the counted one: poisoned usage such as `1e300` or `-5`. */
  prompt_tokens?: number;
  /** Report this as the model that answered (OpenAI and Anthropic `model`, Gemini and Vertex `modelVersion`, Bedrock has none). */
  response_model?: string;
}

/** The finish reasons a test may force; the same four OpenAI reports for chat. */
export type FinishReasonDirective = 'stop' | 'length' | 'content_filter' | 'tool_calls';

type NumericName =
  | 'latency_ms' | 'tokens' | 'token_delay_ms' | 'status' | 'retry_after' | 'hang_after'
  | 'cut_after' | 'reasoning_tokens' | 'cached_tokens' | 'cache_write_tokens' | 'tool_calls' | 'fail_rate'
  | 'fail_status' | 'first_token_ms' | 'end_delay_ms' | 'context_window' | 'error_after' | 'prompt_tokens';

const NUMERIC_NAMES: ReadonlySet<string> = new Set<NumericName>([
  'latency_ms', 'tokens', 'token_delay_ms', 'status', 'retry_after', 'hang_after',
  'cut_after', 'reasoning_tokens', 'cached_tokens', 'cache_write_tokens', 'tool_calls', 'fail_rate',
  'fail_status', 'first_token_ms', 'end_delay_ms', 'context_window', 'error_after', 'prompt_tokens',
]);
const FINISH_REASONS: ReadonlySet<string> = new Set<FinishReasonDirective>(['stop', 'length', 'content_filter', 'tool_calls']);
const HEADER_PREFIX = 'x-emulator-';
const MARKER_OPEN = '[emu';

/** Sets one directive from its textual form; unknown names and unparsable values are ignored. */
export function applyDirective(target: Directives, rawName: string, value: string): void {
  const name = rawName.trim().toLowerCase().replaceAll('-', '_');
  if (NUMERIC_NAMES.has(name)) {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) target[name as NumericName] = n;
    return;
  }
  switch (name) {
    case 'hang':
    case 'malformed_sse':
    case 'reset':
    case 'echo_credential':
      target[name] = value === '1' || value.toLowerCase() === 'true';
      return;
    case 'error_code':
    case 'error_message':
    case 'error_param':
    case 'tool_call':
    case 'response_model':
      target[name] = value;
      return;
    case 'finish_reason':
      if (FINISH_REASONS.has(value)) target.finish_reason = value as FinishReasonDirective;
      return;
  }
}

/** Reads `x-emulator-<name>: value` headers; returns undefined when there are none. */
export function directivesFromHeaders(headers: IncomingHttpHeaders): Directives | undefined {
  let found: Directives | undefined;
  for (const key in headers) {
    if (!key.startsWith(HEADER_PREFIX)) continue;
    const value = headers[key];
    if (value === undefined) continue;
    found ??= {};
    applyDirective(found, key.slice(HEADER_PREFIX.length), Array.isArray(value) ? value[value.length - 1] : value);
  }
  return found;
}

/** Text with every `[emu ...]` marker removed, plus the directives those markers carried. */
export interface MarkerScan {
  directives: Directives | undefined;
  text: string;
}

/**
 * Finds `[emu name=value ...]` markers in message text. Values cannot contain spaces or `]`;
 * `error_message` therefore takes underscores, which are turned back into spaces.
 */
export function scanMarkers(text: string): MarkerScan {
  let start = text.indexOf(MARKER_OPEN);
  if (start === -1) return { directives: undefined, text };
  let directives: Directives | undefined;
  let rest = '';
  let from = 0;
  while (start !== -1) {
    const after = text.charCodeAt(start + MARKER_OPEN.length);
    const end = text.indexOf(']', start);
    if (end === -1) break;
    if (after !== 32 && after !== 93 && after !== 9) {
      start = text.indexOf(MARKER_OPEN, start + 1);
      continue;
    }
    directives ??= {};
    for (const pair of text.slice(start + MARKER_OPEN.length, end).split(' ')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      applyDirective(directives, name, name === 'error_message' ? value.replaceAll('_', ' ') : value);
    }
    rest += text.slice(from, start);
    from = end + 1;
    start = text.indexOf(MARKER_OPEN, from);
  }
  return { directives, text: rest + text.slice(from) };
}

/** Text without markers; cheap when the text has none. */
export function stripMarkers(text: string): string {
  return text.includes(MARKER_OPEN) ? scanMarkers(text).text : text;
}

/**
 * Later layers override earlier ones: defaults, then headers, then the inline marker, then the
 * instance's scenario (`setScenario`), which holds for every request whatever the request asks.
 */
export function mergeDirectives(
  defaults: Directives,
  fromHeaders: Directives | undefined,
  fromMarker: Directives | undefined,
  scenario?: Directives,
): Directives {
  if (fromHeaders === undefined && fromMarker === undefined && scenario === undefined) return defaults;
  return { ...defaults, ...fromHeaders, ...fromMarker, ...scenario };
}
