/**
 * One header value of an `application/vnd.amazon.eventstream` message, tagged with its wire type.
 * `long` and `timestamp` are bigints because int64 does not fit a JS number; `timestamp` is
 * milliseconds since the Unix epoch. https://smithy.io/2.0/aws/amazon-eventstream.html
 */
export type EventStreamHeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte'; value: number }
  | { type: 'short'; value: number }
  | { type: 'integer'; value: number }
  | { type: 'long'; value: bigint }
  | { type: 'binary'; value: Buffer }
  | { type: 'string'; value: string }
  | { type: 'timestamp'; value: bigint }
  | { type: 'uuid'; value: string };

/** One framed message: its headers by name (each name appears at most once) and its raw payload. */
export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Buffer;
}

/** Wire type bytes, in the order the format numbers them. */
export const HEADER_TYPE_CODES = {
  boolTrue: 0,
  boolFalse: 1,
  byte: 2,
  short: 3,
  integer: 4,
  long: 5,
  binary: 6,
  string: 7,
  timestamp: 8,
  uuid: 9,
} as const;

/** Prelude (total length, headers length, prelude CRC) plus the trailing message CRC. */
export const FRAME_OVERHEAD_BYTES = 16;
export const PRELUDE_BYTES = 12;

/** A string header value's text, or undefined when absent or of another type. */
export function stringHeader(m: EventStreamMessage, name: string): string | undefined {
  const h = m.headers[name];
  return h?.type === 'string' ? h.value : undefined;
}
