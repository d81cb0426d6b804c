import type { FinishReason } from '../../canonical/response.ts';

/**
 * Cohere v2 finish reasons (sent upper-case): `COMPLETE`, `STOP_SEQUENCE`, `MAX_TOKENS`, `TOOL_CALL`,
 * `ERROR`, `TIMEOUT`, plus `CONTENT_BLOCKED` and `ERROR_LIMIT` in newer API versions. Compared
 * case-insensitively; unknown values map to `other`. https://docs.cohere.com/reference/chat#response.body.finish_reason
 */
export function mapCohereFinishReason(raw: string): FinishReason {
  switch (raw.toUpperCase()) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'CONTENT_BLOCKED':
      return 'content_filter';
    case 'ERROR':
    case 'ERROR_LIMIT':
    case 'TIMEOUT':
      return 'error';
    default:
      return 'other';
  }
}
