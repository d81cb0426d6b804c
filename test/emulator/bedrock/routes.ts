import type { Route, WireFormat } from '../request-context.ts';
import { handleConverse } from './converse.ts';
import { lastUserText } from './converse-text.ts';
import { sendBedrockError } from './errors.ts';
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
};

/** Bedrock Runtime: Converse, ConverseStream and InvokeModel (embedding models). */
export const bedrockRoutes: readonly Route[] = [
  { method: 'POST', path: isOperationPath('converse'), format: bedrockFormat, markerText: lastUserText, handle: handleConverse },
  { method: 'POST', path: isOperationPath('converse-stream'), format: bedrockFormat, markerText: lastUserText, handle: handleConverse },
  { method: 'POST', path: isOperationPath('invoke'), format: bedrockFormat, markerText: invokeMarkerText, handle: handleInvokeEmbeddings },
];
