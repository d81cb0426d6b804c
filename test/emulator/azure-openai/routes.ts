import type { IncomingMessage } from 'node:http';
import type { RequestContext, Route, WireFormat } from '../request-context.ts';
import { embeddingsMarkerText, handleEmbeddings } from '../openai/embeddings.ts';
import { lastUserText } from '../openai/message-text.ts';
import { chatPromptTokens, openAIFormat } from '../openai/routes.ts';
import { handleAzureChatCompletions } from './azure-chat-completions.ts';
import { sendApiVersionNotSupported, sendAzureError, sendResourceNotFound } from './azure-errors.ts';
import { apiVersionOf, isKnownApiVersion, parseDeploymentPath, type AzureOperation } from './azure-request.ts';

/**
 * Azure OpenAI authenticates with an `api-key: <key>` header or a Microsoft Entra ID token as
 * `Authorization: Bearer <token>` (the emulator accepts its key as either).
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#authentication
 */
export const azureOpenAIFormat: WireFormat = {
  name: 'azure-openai',
  badJson: openAIFormat.badJson,
  isAuthorized(req: IncomingMessage, apiKey: string): boolean {
    return req.headers['api-key'] === apiKey || req.headers.authorization === `Bearer ${apiKey}`;
  },
  sendError: sendAzureError,
  unservedPath: () => ({ code: '404', message: 'Resource not found' }),
  contextLengthMessage: openAIFormat.contextLengthMessage,
};

/** Checks the `api-version` query, then runs the operation for the deployment in the path. */
function deploymentHandler(operation: AzureOperation): (ctx: RequestContext) => Promise<void> | void {
  return (ctx) => {
    const version = apiVersionOf(ctx);
    if (version === undefined) return sendResourceNotFound(ctx);
    if (!isKnownApiVersion(version)) return sendApiVersionNotSupported(ctx);
    const { deployment } = parseDeploymentPath(ctx.path)!;
    if (operation === 'chat/completions') return handleAzureChatCompletions(ctx, deployment);
    if (ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body)) ctx.body = { ...ctx.body, model: deployment };
    return handleEmbeddings(ctx);
  };
}

const isOperation = (operation: AzureOperation) => (path: string) => parseDeploymentPath(path)?.operation === operation;

/** Azure OpenAI's deployment-scoped data plane under `/openai`; any other path is Azure's 404. */
export const azureOpenAIRoutes: readonly Route[] = [
  { method: 'POST', path: isOperation('chat/completions'), format: azureOpenAIFormat, markerText: lastUserText, promptTokens: chatPromptTokens, handle: deploymentHandler('chat/completions') },
  { method: 'POST', path: isOperation('embeddings'), format: azureOpenAIFormat, markerText: embeddingsMarkerText, handle: deploymentHandler('embeddings') },
  { method: 'POST', path: () => true, format: azureOpenAIFormat, handle: sendResourceNotFound },
  { method: 'GET', path: () => true, format: azureOpenAIFormat, handle: sendResourceNotFound },
];
