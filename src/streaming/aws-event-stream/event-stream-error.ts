/**
 * Why a byte stream is not a valid AWS event stream. The decoder stops at the first one:
 * after a bad length or CRC the framing can no longer be trusted.
 */
export type EventStreamErrorCode = 'bad_prelude_crc' | 'bad_message_crc' | 'bad_length' | 'bad_header' | 'too_large' | 'truncated';

export class EventStreamError extends Error {
  override name = 'EventStreamError';
  readonly code: EventStreamErrorCode;
  constructor(code: EventStreamErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
