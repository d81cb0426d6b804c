import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directives } from './directives.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';

/**
 * Everything a route handler needs for one request. Built per request by the server so
 * no handler touches shared mutable state except through the log it is handed.
 */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly path: string;
  readonly entry: RequestLogEntry;
  readonly log: RequestLog;
  /** Aborted when the client disconnects or the emulator closes. */
  readonly signal: AbortSignal;
  readonly random: () => number;
  readonly models: readonly string[];
  body: unknown;
  directives: Directives;
}

/**
 * What a wire format (OpenAI, later Anthropic, Gemini...) contributes to the shared
 * request pipeline: how it authenticates and how its errors look.
 */
export interface WireFormat {
  readonly name: string;
  /** The error detail for a body that is not valid JSON. */
  readonly badJson: ErrorDetail;
  /** `body`: the raw request bytes, for signatures over the payload (Bedrock SigV4; there `apiKey` is `accessKeyId:secretAccessKey`). */
  isAuthorized(req: IncomingMessage, apiKey: string, body: Buffer): boolean;
  sendError(ctx: RequestContext, status: number, detail?: ErrorDetail): void;
  /** The detail of the 404 for a path this provider does not serve (sent through `sendError`). */
  unservedPath?(method: string, path: string): ErrorDetail;
  /**
   * The provider's context-length-exceeded message for a prompt of `promptTokens` over a window of
   * `limit`; sent as a 400 with code `context_length_exceeded`. Absent: the format's fixed message.
   */
  contextLengthMessage?(ctx: RequestContext, promptTokens: number, limit: number): string;
}

/** Overrides for an error body; `null` means "send null", `undefined` means "use the default". */
export interface ErrorDetail {
  message?: string;
  code?: string | null;
  param?: string | null;
  type?: string;
}

/** One endpoint. `markerText` names the request text that may carry `[emu ...]` directives. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string | ((path: string) => boolean);
  readonly format: WireFormat;
  markerText?(body: unknown): string | undefined;
  /** The prompt's tokens as this provider's usage counts them (before cache directives), for `context_window`; undefined when the body has no prompt to count. */
  promptTokens?(body: unknown): number | undefined;
  handle(ctx: RequestContext): Promise<void> | void;
}
