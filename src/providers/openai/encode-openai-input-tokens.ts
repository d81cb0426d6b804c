import type { CanonicalRequest, ImagePart, TextPart, UserPart } from '../../canonical/request.ts';

type InputContent = { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string; detail: 'auto' | 'low' | 'high' };

/**
 * `POST /v1/responses/input_tokens` body: the request in the Responses API's input format (system text as
 * `instructions`; messages, `function_call` and `function_call_output` items; function tools), which is
 * what that endpoint counts. https://platform.openai.com/docs/api-reference/responses/input-tokens
 */
export function encodeOpenAIInputTokens(req: CanonicalRequest): Record<string, unknown> {
  const input: Record<string, unknown>[] = [];
  for (const m of req.messages) {
    if (m.role === 'user') {
      input.push({ type: 'message', role: 'user', content: m.content.map(inputContent) });
    } else if (m.role === 'assistant') {
      const text = m.content.filter((p): p is TextPart => p.type === 'text').map((p) => p.text).join('');
      if (text !== '') input.push({ type: 'message', role: 'assistant', content: text });
      for (const p of m.content) if (p.type === 'tool_call') input.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: p.arguments });
    } else {
      input.push({ type: 'function_call_output', call_id: m.toolCallId, output: m.content.map(inputContent) });
    }
  }
  const body: Record<string, unknown> = { model: req.model, input };
  if (req.system.length > 0) body.instructions = req.system.map((p) => p.text).join('\n\n');
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({ type: 'function', name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.parameters, strict: t.strict ?? false }));
    if (req.toolChoice !== undefined) body.tool_choice = req.toolChoice.type === 'tool' ? { type: 'function', name: req.toolChoice.name } : req.toolChoice.type;
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  return body;
}

function inputContent(p: UserPart): InputContent {
  return p.type === 'text' ? { type: 'input_text', text: p.text } : inputImage(p);
}

function inputImage(p: ImagePart): InputContent {
  const url = p.source.kind === 'url' ? p.source.url : `data:${p.source.mediaType};base64,${p.source.data}`;
  return { type: 'input_image', image_url: url, detail: p.detail ?? 'auto' };
}
