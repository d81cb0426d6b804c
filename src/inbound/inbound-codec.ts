import type { CanonicalRequest } from '../canonical/request.ts';
import type { CanonicalResponse } from '../canonical/response.ts';
import type { StreamEvent } from '../canonical/stream-event.ts';
import type { HttpError } from '../server/http-error.ts';

/** What encoders need to know about the request being answered. */
export interface EncodeContext {
  requestId: string;
  /** The model name the client asked for (echoed back, not the upstream name). */
  publicModel: string;
  /** Unix seconds. */
  createdAt: number;
  /** OpenAI chat: whether the client asked for `stream_options.include_usage`. */
  includeUsage: boolean;
  /**
   * The decoded request, for APIs whose response echoes request parameters (OpenAI Responses returns
   * `tools`, `tool_choice`, `temperature`, `text.format`… in every Response object). Absent = defaults.
   */
  request?: CanonicalRequest;
}

/**
 * Canonical events in, SSE text out, in one inbound API's streaming format.
 * `usage` and `finish` may arrive in either order; formats that need both in one frame
 * (Anthropic `message_delta`) emit it from `end()`.
 */
export interface StreamEncoder {
  event(e: StreamEvent): string;
  /** Closing frames after a clean finish (e.g. `data: [DONE]`, `message_stop`). */
  end(): string;
  /** An in-band error after the stream started; the stream ends after it without a clean finish. */
  error(err: HttpError): string;
}

/**
 * One inbound API (DESIGN: "Wire formats and translators"): decodes its requests to canonical
 * and encodes canonical responses, streams and errors back in its own shapes.
 */
export interface InboundCodec {
  readonly api: 'openai-chat' | 'openai-responses' | 'anthropic-messages';
  /** Throws `HttpError` 400 with a precise message (naming the field) on bad input. `model` is the public name. */
  decodeRequest(body: Record<string, unknown>): CanonicalRequest;
  encodeResponse(res: CanonicalResponse, ctx: EncodeContext): unknown;
  createStreamEncoder(ctx: EncodeContext): StreamEncoder;
  /** The error body in this API's shape (OpenAI `{error:{…}}`, Anthropic `{type:'error', error:{type, message}}`). */
  errorBody(err: HttpError): unknown;
}
