import type { RequestContext, Route, WireFormat } from './request-context.ts';

/**
 * `context_window=N`: answers the provider's own context-length error (a 400 its classifier in
 * `src/providers/<type>/` recognises) when the prompt, counted as the emulator's usage counts it plus
 * `cached_tokens`, is over N tokens. Resolves true when the error was sent.
 */
export function rejectOverContextWindow(ctx: RequestContext, route: Route, format: WireFormat): boolean {
  const limit = ctx.directives.context_window;
  if (limit === undefined || route.promptTokens === undefined) return false;
  const counted = route.promptTokens(ctx.body);
  if (counted === undefined) return false;
  const promptTokens = counted + (ctx.directives.cached_tokens ?? 0);
  if (promptTokens <= limit) return false;
  format.sendError(ctx, 400, {
    code: 'context_length_exceeded',
    ...(format.contextLengthMessage ? { message: format.contextLengthMessage(ctx, promptTokens, limit) } : {}),
  });
  return true;
}
