import type { Usage } from '../../canonical/usage.ts';
import type { SseEvent } from '../../streaming/sse-parser.ts';
import { SseStreamDecoder } from '../../streaming/sse-stream-decoder.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { GeminiToolCallIds, randomResponseId } from './gemini-tool-call-ids.ts';
import type { GeminiGenerateContentResponse, GeminiPart, GoogleErrorBody } from './gemini-wire-types.ts';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.ts';
import { mapGeminiUsage } from './map-gemini-usage.ts';

type OpenBlock = 'text' | 'reasoning' | undefined;

/**
 * Decodes `streamGenerateContent?alt=sse`: every `data:` event is a whole `GenerateContentResponse`
 * fragment. Text and thought text are deltas (consecutive ones share a block); a function call arrives
 * whole and becomes one tool-call block; a thought signature closes its reasoning block (or, on a
 * non-thought part, becomes a text-less reasoning block before that part, as in `decodeGeminiResponse`).
 * Usage is cumulative in each fragment: a `usage` event is emitted whenever it changes. The fragment with
 * `finishReason` (or a prompt block) closes the last block and emits `finish`. An `error` object in a
 * fragment is an in-band error; bad JSON is malformed; the body ending before a finish reason is a cut.
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export class GeminiStreamDecoder extends SseStreamDecoder {
  readonly #ids = new GeminiToolCallIds();
  #started = false;
  #responseId: string | undefined;
  #block = -1;
  #open: OpenBlock;
  #sawToolCall = false;
  #finished = false;
  #usageKey = '';

  protected readonly cutMessage = 'ended the stream without a finish reason';

  protected complete(): boolean {
    return this.#finished;
  }

  protected onEvent(e: SseEvent): void {
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      throw new UpstreamProtocolError('malformed', 'sent a stream event whose data is not JSON');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new UpstreamProtocolError('malformed', 'sent a stream event whose data is not a JSON object');
    }
    const err = (json as GoogleErrorBody).error;
    if (err !== undefined && err !== null) {
      const message = typeof err.message === 'string' ? err.message.slice(0, 1000) : 'in-band error';
      throw new UpstreamProtocolError('upstream_error', message, typeof err.status === 'string' ? err.status : undefined);
    }
    this.#onFragment(json as GeminiGenerateContentResponse);
  }

  #onFragment(r: GeminiGenerateContentResponse): void {
    if (!this.#started) {
      this.#started = true;
      this.#responseId = typeof r.responseId === 'string' ? r.responseId : undefined;
      this.out.push({ type: 'message_start', id: this.#responseId ?? randomResponseId(), model: typeof r.modelVersion === 'string' ? r.modelVersion : '' });
    }
    const candidate = Array.isArray(r.candidates) ? r.candidates[0] : undefined;
    if (!this.#finished && candidate !== undefined && candidate !== null) {
      const parts = candidate.content?.parts;
      if (Array.isArray(parts)) for (const part of parts) this.#onPart(part);
    }
    if (r.usageMetadata) this.#onUsage(mapGeminiUsage(r.usageMetadata));
    if (this.#finished) return;
    if (candidate !== undefined && candidate !== null && typeof candidate.finishReason === 'string') {
      this.#finish(mapGeminiFinishReason(candidate.finishReason, this.#sawToolCall), candidate.finishReason);
    } else if (candidate === undefined && typeof r.promptFeedback?.blockReason === 'string') {
      this.#finish('content_filter', r.promptFeedback.blockReason);
    }
  }

  #onPart(part: GeminiPart): void {
    if (part === null || typeof part !== 'object') return;
    const signature = typeof part.thoughtSignature === 'string' && part.thoughtSignature !== '' ? part.thoughtSignature : undefined;
    const text = typeof part.text === 'string' ? part.text : undefined;
    if (part.thought === true) {
      if (!text && signature === undefined) return;
      this.#ensureOpen('reasoning');
      if (text) this.out.push({ type: 'reasoning_delta', block: this.#block, text });
      if (signature !== undefined) {
        this.out.push({ type: 'reasoning_signature', block: this.#block, signature });
        this.#close();
      }
      return;
    }
    if (signature !== undefined) {
      this.#ensureOpen('reasoning');
      this.out.push({ type: 'reasoning_signature', block: this.#block, signature });
      this.#close();
    }
    if (text !== undefined) {
      if (text === '') return;
      this.#ensureOpen('text');
      this.out.push({ type: 'text_delta', block: this.#block, text });
      return;
    }
    const call = part.functionCall;
    if (call === undefined || call === null || typeof call.name !== 'string') return;
    this.#close();
    this.#sawToolCall = true;
    const block = ++this.#block;
    this.out.push(
      { type: 'tool_call_start', block, id: this.#ids.next(this.#responseId, call.id), name: call.name },
      { type: 'tool_call_delta', block, argumentsDelta: JSON.stringify(call.args ?? {}) },
      { type: 'tool_call_end', block },
    );
  }

  #ensureOpen(kind: 'text' | 'reasoning'): void {
    if (this.#open === kind) return;
    this.#close();
    this.#open = kind;
    this.#block++;
    this.out.push(kind === 'text' ? { type: 'text_start', block: this.#block } : { type: 'reasoning_start', block: this.#block });
  }

  #close(): void {
    if (this.#open === 'text') this.out.push({ type: 'text_end', block: this.#block });
    else if (this.#open === 'reasoning') this.out.push({ type: 'reasoning_end', block: this.#block });
    this.#open = undefined;
  }

  #onUsage(usage: Usage): void {
    const key = `${usage.inputUncached},${usage.inputCacheRead},${usage.outputText},${usage.outputReasoning}`;
    if (key === this.#usageKey) return;
    this.#usageKey = key;
    this.out.push({ type: 'usage', usage });
  }

  #finish(finishReason: ReturnType<typeof mapGeminiFinishReason>, rawFinishReason: string): void {
    this.#close();
    this.#finished = true;
    this.out.push({ type: 'finish', finishReason, rawFinishReason });
  }
}
