/**
 * How a `json_object` response format is emulated on Anthropic, which has native structured output
 * only for a JSON Schema (`output_config.format`): the request offers one tool with this reserved name
 * and forces it, and decoding turns that tool's input back into the text of the answer.
 * https://docs.anthropic.com/en/docs/build-with-claude/tool-use#json-mode
 */
export const JSON_OBJECT_TOOL_NAME = 'switchyard_json_object';

export const JSON_OBJECT_TOOL = {
  name: JSON_OBJECT_TOOL_NAME,
  description: 'Respond with your complete answer as a single JSON object.',
  input_schema: { type: 'object' },
} as const;
