import type { Directives } from '../directives.ts';
import { splitEvenly } from '../text-generator.ts';
import type { ChatRequest } from './chat-request.ts';
import { sampleFromSchema } from './sample-json.ts';

/** A tool call the emulator will return, with its arguments pre-split into stream fragments. */
export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
  fragments: string[];
}

/**
 * Decides which functions to call. Tool calls happen only when the request offers tools,
 * `tool_choice` is not 'none', and either a directive (`tool_call`, `tool_calls`) asks for
 * them or `tool_choice` forces one ('required' picks the first tool).
 */
export function chooseToolNames(request: ChatRequest, d: Directives): string[] {
  const { tools } = request;
  if (tools.length === 0 || request.toolChoice === 'none') return [];
  const named = d.tool_call ?? request.forcedTool;
  const wanted = named !== undefined || d.tool_calls !== undefined || request.toolChoice === 'required';
  if (!wanted) return [];
  const count = request.parallelToolCalls ? Math.max(1, Math.floor(d.tool_calls ?? 1)) : 1;
  const names = new Array<string>(count);
  for (let i = 0; i < count; i++) names[i] = named ?? tools[i % tools.length].name;
  return names;
}

/**
 * Builds the calls: arguments are a sample of the tool's JSON Schema (`variant` = call
 * index so parallel calls differ), streamed as min(`fragmentsPerCall`, length) fragments.
 */
export function planToolCalls(
  request: ChatRequest,
  names: readonly string[],
  requestNumber: number,
  fragmentsPerCall: number,
): PlannedToolCall[] {
  return names.map((name, i) => {
    const tool = request.tools.find((t) => t.name === name);
    const args = JSON.stringify(sampleFromSchema(tool?.parameters, i));
    return {
      id: `call_emu${requestNumber.toString(36).padStart(8, '0')}${i}`,
      name,
      arguments: args,
      fragments: splitEvenly(args, fragmentsPerCall),
    };
  });
}
