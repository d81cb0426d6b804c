import type { RequestContext } from '../request-context.ts';

/** The deployment-scoped operations the emulator serves. */
export type AzureOperation = 'chat/completions' | 'embeddings';

/** `/openai/deployments/{deployment}/{operation}` → its parts; undefined for any other path. */
export function parseDeploymentPath(path: string): { deployment: string; operation: AzureOperation } | undefined {
  const prefix = '/openai/deployments/';
  if (!path.startsWith(prefix)) return undefined;
  const slash = path.indexOf('/', prefix.length);
  if (slash <= prefix.length) return undefined;
  const operation = path.slice(slash + 1);
  if (operation !== 'chat/completions' && operation !== 'embeddings') return undefined;
  try {
    return { deployment: decodeURIComponent(path.slice(prefix.length, slash)), operation };
  } catch {
    return undefined;
  }
}

/** The `api-version` query parameter of the request, or undefined when absent. */
export function apiVersionOf(ctx: RequestContext): string | undefined {
  const url = ctx.req.url ?? '/';
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  return new URLSearchParams(url.slice(q + 1)).get('api-version') ?? undefined;
}

/** Azure's data-plane versions look like `2024-10-21` or `2025-04-01-preview`. */
export function isKnownApiVersion(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v);
}

/** Azure's operation names, as they appear in its rate-limit messages. */
export function operationName(path: string): string {
  return path.endsWith('/embeddings') ? 'Embeddings_Create' : 'ChatCompletions_Create';
}
