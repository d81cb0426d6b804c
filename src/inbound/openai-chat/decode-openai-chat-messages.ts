import type { AssistantPart, CanonicalMessage, TextPart, ToolCallPart, UserPart } from '../../canonical/request.ts';
import { decodeOpenAIImagePart } from './decode-openai-image-part.ts';
import { badParam, isAbsent, isRecord } from './openai-chat-field.ts';

export interface DecodedMessages {
  system: TextPart[];
  messages: CanonicalMessage[];
}

/**
 * OpenAI chat `messages` → canonical. `system` and `developer` messages become canonical system
 * parts (in order, wherever they stood); tool messages get the tool name from the assistant call
 * they answer. The deprecated `function` role and `function_call` cannot be translated and are refused.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeOpenAIChatMessages(raw: unknown): DecodedMessages {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw badParam('messages', "Invalid 'messages': expected a non-empty array of message objects.", Array.isArray(raw) ? 'empty_array' : 'invalid_type');
  }
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();
  raw.forEach((m: unknown, i: number) => {
    const param = `messages[${i}]`;
    if (!isRecord(m)) throw badParam(param, `Invalid '${param}': expected an object.`, 'invalid_type');
    switch (m.role) {
      case 'system':
      case 'developer':
        system.push(...textParts(m.content, `${param}.content`));
        return;
      case 'user':
        messages.push({ role: 'user', content: userParts(m.content, `${param}.content`) });
        return;
      case 'assistant':
        messages.push({ role: 'assistant', content: assistantParts(m, param, toolNames) });
        return;
      case 'tool': {
        if (typeof m.tool_call_id !== 'string' || m.tool_call_id === '') {
          throw badParam(`${param}.tool_call_id`, `Missing required parameter: '${param}.tool_call_id'.`, 'missing_required_parameter');
        }
        const toolName = toolNames.get(m.tool_call_id);
        messages.push({ role: 'tool', toolCallId: m.tool_call_id, ...(toolName !== undefined ? { toolName } : {}), content: textParts(m.content, `${param}.content`) });
        return;
      }
      case 'function':
        throw badParam(`${param}.role`, `The legacy 'function' role in '${param}' is not supported; send tool results as 'tool' messages with a 'tool_call_id'.`, 'unsupported_value');
      default:
        throw badParam(`${param}.role`, `Invalid '${param}.role': expected 'system', 'developer', 'user', 'assistant' or 'tool'.`);
    }
  });
  return { system, messages };
}

/** A string or an array of `text` parts; an empty string yields no part. */
function textParts(content: unknown, param: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badParam(param, `Invalid type for '${param}': expected a string or an array of text parts.`, 'invalid_type');
  return content.map((part: unknown, j: number) => {
    if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string') {
      throw badParam(`${param}[${j}]`, `Invalid '${param}[${j}]': expected a text part ({"type":"text","text":"…"}).`);
    }
    return { type: 'text', text: part.text };
  });
}

function userParts(content: unknown, param: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badParam(param, `Invalid type for '${param}': expected a string or an array of content parts.`, 'invalid_type');
  return content.map((part: unknown, j: number): UserPart => {
    const p = `${param}[${j}]`;
    if (!isRecord(part)) throw badParam(p, `Invalid '${p}': expected an object.`, 'invalid_type');
    if (part.type === 'text') {
      if (typeof part.text !== 'string') throw badParam(`${p}.text`, `Invalid type for '${p}.text': expected a string.`, 'invalid_type');
      return { type: 'text', text: part.text };
    }
    if (part.type === 'image_url') return decodeOpenAIImagePart(part, p);
    throw badParam(`${p}.type`, `Content part type '${String(part.type)}' in '${p}' is not supported for this model's provider; use 'text' or 'image_url'.`, 'unsupported_value');
  });
}

function assistantParts(m: Record<string, unknown>, param: string, toolNames: Map<string, string>): AssistantPart[] {
  if (!isAbsent(m.function_call)) {
    throw badParam(`${param}.function_call`, `The legacy 'function_call' in '${param}' is not supported; use 'tool_calls'.`, 'unsupported_value');
  }
  const parts: AssistantPart[] = [];
  if (!isAbsent(m.reasoning_content)) {
    if (typeof m.reasoning_content !== 'string') throw badParam(`${param}.reasoning_content`, `Invalid type for '${param}.reasoning_content': expected a string.`, 'invalid_type');
    if (m.reasoning_content !== '') parts.push({ type: 'reasoning', text: m.reasoning_content });
  }
  if (!isAbsent(m.content)) parts.push(...assistantText(m.content, `${param}.content`));
  const calls = m.tool_calls;
  if (!isAbsent(calls)) {
    if (!Array.isArray(calls)) throw badParam(`${param}.tool_calls`, `Invalid type for '${param}.tool_calls': expected an array.`, 'invalid_type');
    calls.forEach((call: unknown, k: number) => {
      const part = toolCall(call, `${param}.tool_calls[${k}]`);
      toolNames.set(part.id, part.name);
      parts.push(part);
    });
  }
  if (isAbsent(m.content) && (isAbsent(calls) || (calls as unknown[]).length === 0)) {
    throw badParam(`${param}.content`, `Invalid '${param}': an assistant message needs 'content' or 'tool_calls'.`, 'missing_required_parameter');
  }
  return parts;
}

function assistantText(content: unknown, param: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badParam(param, `Invalid type for '${param}': expected a string or an array of text parts.`, 'invalid_type');
  const out: TextPart[] = [];
  content.forEach((part: unknown, j: number) => {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') out.push({ type: 'text', text: part.text });
    else if (isRecord(part) && part.type === 'refusal' && typeof part.refusal === 'string') out.push({ type: 'text', text: part.refusal });
    else throw badParam(`${param}[${j}]`, `Invalid '${param}[${j}]': expected a 'text' or 'refusal' part.`);
  });
  return out;
}

function toolCall(call: unknown, param: string): ToolCallPart {
  if (!isRecord(call)) throw badParam(param, `Invalid '${param}': expected an object.`, 'invalid_type');
  if (call.type !== 'function') {
    throw badParam(`${param}.type`, `Tool call type '${String(call.type)}' in '${param}' is not supported for this model's provider; only 'function'.`, 'unsupported_value');
  }
  const fn = call.function;
  if (typeof call.id !== 'string' || !isRecord(fn) || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') {
    throw badParam(param, `Invalid '${param}': expected {"id", "type":"function", "function":{"name","arguments"}} with string values.`, 'invalid_type');
  }
  return { type: 'tool_call', id: call.id, name: fn.name, arguments: fn.arguments };
}
