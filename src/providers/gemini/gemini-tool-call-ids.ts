import { randomBytes } from 'node:crypto';

const UNSAFE = /[^A-Za-z0-9_-]/g;

/**
 * Ids for the tool calls of one response. Gemini's `functionCall` usually has no id (it pairs results with
 * calls by name and turn), but clients need one: a call keeps Gemini's `id` when present, else gets
 * `call_<responseId>_<n>` (a random stem when the response has no id), safe for every client API's id pattern.
 */
export class GeminiToolCallIds {
  #stem: string | undefined;
  #next = 0;

  next(responseId: string | undefined, providedId: unknown): string {
    if (typeof providedId === 'string' && providedId !== '') return providedId;
    this.#stem ??= responseId ? responseId.replace(UNSAFE, '').slice(0, 40) || randomStem() : randomStem();
    return `call_${this.#stem}_${this.#next++}`;
  }
}

function randomStem(): string {
  return randomBytes(9).toString('base64url');
}

/** A response id for the rare response without `responseId`. */
export function randomResponseId(): string {
  return `resp_${randomStem()}`;
}
