import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { openAIErrorBody } from '../openai/errors.ts';
import { apiVersionOf, operationName } from './azure-request.ts';
import { FILTERED_HATE } from './content-filter-results.ts';

/**
 * Azure answers gateway-level failures (auth, missing deployment or path, throttling) in its own
 * envelope `{"error":{"code","message"}}` and passes model-level ones (validation, server errors) in
 * OpenAI's. A prompt that trips the content filter is a 400 with code `content_filter` and an
 * `innererror` naming the category. https://learn.microsoft.com/en-us/azure/ai-services/openai/reference
 */
export function azureErrorBody(ctx: RequestContext, status: number, detail?: ErrorDetail): unknown {
  if (status === 400 && detail?.code === 'content_filter') {
    return {
      error: {
        message: detail.message ?? "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: FILTERED_HATE },
      },
    };
  }
  const own = azureOwnError(ctx, status);
  if (own === undefined) return openAIErrorBody(status, 'gpt-4o', detail);
  return { error: { code: detail?.code ?? own.code, message: detail?.message ?? own.message } };
}

function azureOwnError(ctx: RequestContext, status: number): { code: string; message: string } | undefined {
  switch (status) {
    case 401:
      return {
        code: '401',
        message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      };
    case 403:
      return { code: 'PermissionDenied', message: 'Principal does not have access to API/Operation.' };
    case 404:
      return {
        code: 'DeploymentNotFound',
        message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      };
    case 429: {
      const seconds = Math.ceil(ctx.directives.retry_after ?? 1);
      return {
        code: '429',
        message: `Requests to the ${operationName(ctx.path)} Operation under Azure OpenAI API version ${apiVersionOf(ctx) ?? ''} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} second${seconds === 1 ? '' : 's'}. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
      };
    }
    default:
      return undefined;
  }
}

export function sendAzureError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  sendJson(ctx, status, azureErrorBody(ctx, status, detail));
}

/** What Azure sends for a path it does not serve, and for a request without `api-version`. */
export function sendResourceNotFound(ctx: RequestContext): void {
  sendJson(ctx, 404, { error: { code: '404', message: 'Resource not found' } });
}

/** What Azure sends for an `api-version` it does not know. */
export function sendApiVersionNotSupported(ctx: RequestContext): void {
  sendJson(ctx, 400, { error: { code: 'BadRequest', message: 'API version not supported' } });
}
