import type { StreamEvent } from '../canonical/stream-event.ts';

/**
 * Canonical block bookkeeping for providers that stream bare text and reasoning deltas (OpenAI-style
 * chunks): opens a block on the first delta of a kind, closes the other kind when the kind changes, and
 * numbers blocks from one counter that tool-call blocks also draw from (`newBlock`), so interleaved
 * content keeps its order.
 */
export class DeltaBlocks {
  private next = 0;
  private textBlock?: number;
  private reasoningBlock?: number;
  private readonly emit: (e: StreamEvent) => void;

  constructor(emit: (e: StreamEvent) => void) {
    this.emit = emit;
  }

  newBlock(): number {
    return this.next++;
  }

  text(text: string): void {
    this.closeReasoning();
    if (this.textBlock === undefined) {
      this.textBlock = this.newBlock();
      this.emit({ type: 'text_start', block: this.textBlock });
    }
    this.emit({ type: 'text_delta', block: this.textBlock, text });
  }

  reasoning(text: string): void {
    this.closeText();
    if (this.reasoningBlock === undefined) {
      this.reasoningBlock = this.newBlock();
      this.emit({ type: 'reasoning_start', block: this.reasoningBlock });
    }
    this.emit({ type: 'reasoning_delta', block: this.reasoningBlock, text });
  }

  closeText(): void {
    if (this.textBlock === undefined) return;
    this.emit({ type: 'text_end', block: this.textBlock });
    this.textBlock = undefined;
  }

  closeReasoning(): void {
    if (this.reasoningBlock === undefined) return;
    this.emit({ type: 'reasoning_end', block: this.reasoningBlock });
    this.reasoningBlock = undefined;
  }
}
