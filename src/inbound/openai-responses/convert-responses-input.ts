import type { AssistantMessage, AssistantPart, CanonicalMessage, ReasoningPart, TextPart } from '../../canonical/request.ts';
import { convertAssistantContent, convertInstructionContent, convertToolOutput, convertUserContent } from './convert-responses-content.ts';
import { badField, isObject, readString, requireString, unsupported, type JsonObject } from './read-request-fields.ts';
import { fromEncryptedContent } from './reasoning-encrypted-content.ts';

export interface ConvertedInput {
  system: TextPart[];
  messages: CanonicalMessage[];
}

/**
 * Responses `input` (a string, or a list of items) to canonical messages. Consecutive assistant-side
 * items (reasoning, assistant messages, function calls) form one assistant turn, because providers
 * such as Anthropic need a turn's reasoning and tool calls in one message.
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function convertResponsesInput(input: unknown, system: TextPart[]): ConvertedInput {
  if (typeof input === 'string') return { system, messages: [{ role: 'user', content: [{ type: 'text', text: input }] }] };
  if (!Array.isArray(input) || input.length === 0) throw badField('input', 'is required: a string or a non-empty array of input items');
  const messages: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();
  let turn: AssistantMessage | undefined;
  const assistantTurn = () => {
    if (!turn) {
      turn = { role: 'assistant', content: [] };
      messages.push(turn);
    }
    return turn.content;
  };
  input.forEach((item, i) => {
    const path = `input[${i}]`;
    if (!isObject(item)) throw badField(path, 'must be an object');
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const role = item.role;
        if (role === 'system' || role === 'developer') {
          system.push(...convertInstructionContent(item.content, `${path}.content`));
        } else if (role === 'assistant') {
          assistantTurn().push(...convertAssistantContent(item.content, `${path}.content`));
        } else if (role === 'user') {
          turn = undefined;
          messages.push({ role: 'user', content: convertUserContent(item.content, `${path}.content`) });
        } else {
          throw badField(`${path}.role`, "must be one of 'user', 'assistant', 'system', 'developer'");
        }
        return;
      }
      case 'function_call': {
        const id = requireString(item, 'call_id', `${path}.call_id`);
        const name = requireString(item, 'name', `${path}.name`);
        const args = requireString(item, 'arguments', `${path}.arguments`);
        toolNames.set(id, name);
        assistantTurn().push({ type: 'tool_call', id, name, arguments: args });
        return;
      }
      case 'function_call_output': {
        const toolCallId = requireString(item, 'call_id', `${path}.call_id`);
        const content = convertToolOutput(item.output, `${path}.output`);
        const toolName = toolNames.get(toolCallId);
        turn = undefined;
        messages.push(toolName ? { role: 'tool', toolCallId, toolName, content } : { role: 'tool', toolCallId, content });
        return;
      }
      case 'reasoning': {
        const part = convertReasoningItem(item, path);
        if (part) assistantTurn().push(part);
        return;
      }
      case 'item_reference':
        throw unsupported(path, 'item references need stored conversation state, which this gateway does not keep (it is stateless); send the full items instead');
      default:
        throw unsupported(`${path}.type`, `input items of type ${JSON.stringify(type)} are not supported through this gateway; send messages, function_call, function_call_output and reasoning items`);
    }
  });
  return { system, messages: messages.filter((m) => m.role !== 'assistant' || m.content.length > 0) };
}

/** A reasoning item: summary (or reasoning_text content) as text, `encrypted_content` kept for the next turn. */
function convertReasoningItem(item: JsonObject, path: string): AssistantPart | undefined {
  const summary = textsOf(item.summary, 'summary_text', `${path}.summary`);
  const content = textsOf(item.content, 'reasoning_text', `${path}.content`);
  const text = (summary.length ? summary : content).join('\n\n');
  const encrypted = readString(item, 'encrypted_content', `${path}.encrypted_content`);
  if (!text && encrypted === undefined) return undefined;
  return fromEncryptedContent(text, encrypted) satisfies ReasoningPart;
}

function textsOf(parts: unknown, type: string, path: string): string[] {
  if (parts == null) return [];
  if (!Array.isArray(parts)) throw badField(path, `must be an array of ${type} parts`);
  return parts.map((p, i) => {
    if (!isObject(p) || p.type !== type) throw badField(`${path}[${i}].type`, `must be '${type}'`);
    return requireString(p, 'text', `${path}[${i}].text`);
  });
}
