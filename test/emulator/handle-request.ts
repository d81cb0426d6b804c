import type { IncomingMessage, ServerResponse } from 'node:http';
import { directivesFromHeaders, mergeDirectives, scanMarkers } from './directives.ts';
import type { Directives } from './directives.ts';
import { rejectOverContextWindow } from './context-window.ts';
import { applyPreResponseFaults } from './pre-response-faults.ts';
import { readRequestBody } from './read-request-body.ts';
import type { RequestContext, Route, WireFormat } from './request-context.ts';
import type { RequestLog, RequestOutcome } from './request-log.ts';

const BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** Per-emulator state the request pipeline reads; `defaults` is replaced by `setDefaults`, `scenario` by `setScenario`. */
export interface EmulatorState {
  readonly log: RequestLog;
  readonly models: readonly string[];
  readonly random: () => number;
  readonly apiKey: string | undefined;
  readonly debug: boolean;
  readonly findRoute: (method: string, path: string) => Route | undefined;
  /** The provider's error shape for requests no route handles. */
  readonly format: WireFormat;
  defaults: Directives;
  scenario: Directives | undefined;
}

/**
 * The pipeline every request goes through: log → read body → route → authenticate →
 * resolve directives (defaults < headers < inline marker < scenario) → pre-response faults →
 * context window → handler.
 */
export async function handleRequest(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const controller = new AbortController();
  const ctx: RequestContext = {
    req, res, path,
    entry: state.log.start(method, path, req.headers),
    log: state.log,
    signal: controller.signal,
    random: state.random,
    models: state.models,
    body: undefined,
    directives: state.defaults,
  };
  res.on('error', ignore);
  req.on('error', ignore);
  res.on('finish', () => settle(state, ctx, res.statusCode >= 400 ? 'error' : 'completed'));
  res.on('close', () => {
    if (res.writableFinished) return;
    controller.abort();
    settle(state, ctx, 'aborted');
  });
  const route = state.findRoute(method, path);
  const format = route?.format ?? state.format;
  try {
    const read = await readRequestBody(req, BODY_LIMIT_BYTES);
    if (read.kind === 'failed') return;
    if (read.kind === 'too_large') return format.sendError(ctx, 413);
    if (read.bytes.length > 0) {
      const text = read.bytes.toString('utf8');
      ctx.entry.bodyText = text;
      try {
        ctx.body = isFormEncoded(req) ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
      } catch {
        return format.sendError(ctx, 400, format.badJson);
      }
    }
    ctx.entry.body = ctx.body;
    if (route === undefined) {
      return format.sendError(ctx, 404, format.unservedPath?.(method, path) ?? { message: `Not found: ${method} ${path}` });
    }
    if (state.apiKey !== undefined && !format.isAuthorized(req, state.apiKey, read.bytes)) return format.sendError(ctx, 401);
    const markerText = route.markerText?.(ctx.body);
    const fromMarker = markerText === undefined ? undefined : scanMarkers(markerText).directives;
    ctx.directives = mergeDirectives(state.defaults, directivesFromHeaders(req.headers), fromMarker, state.scenario);
    ctx.entry.directives = ctx.directives;
    state.log.changed(ctx.entry);
    if (await applyPreResponseFaults(ctx, format)) return;
    if (rejectOverContextWindow(ctx, route, format)) return;
    await route.handle(ctx);
  } catch (error) {
    if (state.debug) console.error('[emulator] handler failed', error);
    if (!res.headersSent) format.sendError(ctx, 500);
    else res.destroy();
  }
}

function settle(state: EmulatorState, ctx: RequestContext, outcome: RequestOutcome): void {
  const { entry } = ctx;
  if (entry.outcome !== 'pending' && !(entry.outcome === 'hung' && outcome === 'aborted')) return;
  entry.outcome = outcome;
  entry.finishedAt = Date.now();
  if (entry.status === undefined && ctx.res.headersSent) entry.status = ctx.res.statusCode;
  state.log.changed(entry);
  if (state.debug) console.error(`[emulator] #${entry.id} ${entry.method} ${entry.path} ${entry.status ?? '-'} ${outcome} chunks=${entry.chunksSent}`);
}

function ignore(): void {}

/** OAuth token endpoints (Vertex's `POST /token`) take form-encoded bodies. */
function isFormEncoded(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}
