import type { FinishReason } from '../../canonical/response.ts';
import type { ResponseObject } from './responses-wire-types.ts';

export type ResponseOutcome = Pick<ResponseObject, 'status' | 'incomplete_details' | 'error'>;

/**
 * Why generation stopped, as a Response status: a token limit or a content filter makes the response
 * `incomplete` with `incomplete_details.reason`; a model-side error makes it `failed`.
 * https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function mapFinishToResponseStatus(reason: FinishReason | undefined): ResponseOutcome {
  switch (reason) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, error: null };
    case 'content_filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' }, error: null };
    case 'error':
      return { status: 'failed', incomplete_details: null, error: { code: 'server_error', message: 'the model stopped with an error' } };
    default:
      return { status: 'completed', incomplete_details: null, error: null };
  }
}
