import type { RequestContext, Route, WireFormat } from '../request-context.ts';
import { handleConverse } from './converse.ts';
import { countConversePromptTokens, lastUserText } from './converse-text.ts';
import { sendAwsError, sendBedrockError } from './errors.ts';
import { handleInvokeEmbeddings, invokeMarkerText } from './invoke-embeddings.ts';
import { isOperationPath } from './model-path.ts';
import { isSignedByKey } from './verify-sigv4.ts';

/**
 * Bedrock Runtime authenticates with AWS SigV4 (the emulator's key is `accessKeyId:secretAccessKey`,
 * from `EmulatorOptions.aws`) and answers errors as `{"message"}` with the type in `x-amzn-errortype`.
 */
export const bedrockFormat: WireFormat = {
  name: 'bedrock',
  badJson: { message: 'Unexpected character: was expecting a JSON value.', code: 'SerializationException' },
  isAuthorized: isSignedByKey,
  sendError: sendBedrockError,
  unservedPath: () => ({ code: 'UnknownOperationException', message: 'Unknown operation.' }),
};

function conversePromptTokens(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { system, messages } = body as { system?: unknown; messages?: unknown };
  return Array.isArray(messages) ? countConversePromptTokens(Array.isArray(system) ? system : [], messages) : undefined;
}

const anyPath = (): boolean => true;
const unknownOperation = (ctx: RequestContext): void => sendAwsError(ctx, 404, 'UnknownOperationException', 'Unknown operation.');

/**
 * Bedrock Runtime: Converse, ConverseStream and InvokeModel (embedding models); any other path
 * answers 404 UnknownOperationException in AWS's shape (the catch-alls must stay last).
 */
export const bedrockRoutes: readonly Route[] = [
  { method: 'POST', path: isOperationPath('converse'), format: bedrockFormat, markerText: lastUserText, promptTokens: conversePromptTokens, handle: handleConverse },
  { method: 'POST', path: isOperationPath('converse-stream'), format: bedrockFormat, markerText: lastUserText, promptTokens: conversePromptTokens, handle: handleConverse },
  { method: 'POST', path: isOperationPath('invoke'), format: bedrockFormat, markerText: invokeMarkerText, handle: handleInvokeEmbeddings },
  { method: 'POST', path: anyPath, format: bedrockFormat, handle: unknownOperation },
  { method: 'GET', path: anyPath, format: bedrockFormat, handle: unknownOperation },
];
