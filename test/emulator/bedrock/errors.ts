import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendAwsJson } from './send-aws-json.ts';
import { signatureRejectionOf } from './verify-sigv4.ts';

const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';
const AWS_TYPE = /^[A-Z][A-Za-z]+(Exception|Error)$/;

/** The Bedrock exception each injected status stands for (API reference "Errors" of Converse / InvokeModel). */
function typeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'ValidationException';
    case 401:
      return 'UnrecognizedClientException';
    case 403:
      return 'AccessDeniedException';
    case 404:
      return 'ResourceNotFoundException';
    case 408:
      return 'ModelTimeoutException';
    case 424:
      return 'ModelErrorException';
    case 429:
      return 'ThrottlingException';
    case 503:
      return 'ServiceUnavailableException';
    default:
      return status >= 500 ? 'InternalServerException' : 'ValidationException';
  }
}

const MESSAGES: Record<string, string> = {
  ValidationException: 'Malformed input request (emulated).',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ResourceNotFoundException: 'Could not resolve the foundation model from the provided model identifier.',
  ModelTimeoutException: 'Model has timed out in processing the request. Try your request again.',
  ModelErrorException: 'The model returned an error (emulated).',
  ModelNotReadyException: 'Model is not ready for inference. Wait and try your request again.',
  ThrottlingException: 'Too many requests, please wait before trying again.',
  ServiceQuotaExceededException: 'Your request exceeds the service quota for your account.',
  ServiceUnavailableException: 'Bedrock is unable to process your request.',
  InternalServerException: 'The server encountered an error processing your request.',
  SerializationException: 'Unexpected character: was expecting a JSON value.',
};

/** Sends an AWS-shaped error: `{"message": …}` with the type in `x-amzn-errortype`. */
export function sendAwsError(ctx: RequestContext, status: number, type: string, message: string): void {
  sendAwsJson(ctx, status, { message }, { 'x-amzn-errortype': `${type}:${ERROR_NAMESPACE}` });
}

/**
 * `WireFormat.sendError` for Bedrock. A status without detail after a failed signature check (401
 * from the shared pipeline) becomes AWS's 403 with the precise reason; an injected status keeps its
 * number and picks its exception type by status, or by `error_code` when that names an AWS type
 * (`error_code=ModelNotReadyException`); `error_code=context_length_exceeded` is the input-too-long
 * ValidationException.
 */
export function sendBedrockError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  if (status === 401 && detail === undefined) return sendSignatureRejection(ctx);
  const code = detail?.code ?? undefined;
  if (code === 'context_length_exceeded') {
    return sendAwsError(ctx, status, 'ValidationException', detail?.message ?? 'Input is too long for requested model.');
  }
  const type = code && AWS_TYPE.test(code) ? code : typeForStatus(status);
  sendAwsError(ctx, status, type, detail?.message ?? MESSAGES[type] ?? `Request failed with status ${status} (emulated).`);
}

function sendSignatureRejection(ctx: RequestContext): void {
  const r = signatureRejectionOf(ctx.req) ?? { type: 'InvalidSignatureException', message: 'The request signature could not be verified.' };
  sendAwsError(ctx, r.type === 'IncompleteSignatureException' ? 400 : 403, r.type, r.message);
}
