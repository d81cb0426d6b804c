const MODEL_PATH = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/;

/** `/model/{modelId}/{operation}` → the decoded model id and operation, or undefined for another path. */
export function parseModelPath(path: string): { modelId: string; operation: 'converse' | 'converse-stream' | 'invoke' } | undefined {
  const m = MODEL_PATH.exec(path);
  if (!m) return undefined;
  try {
    return { modelId: decodeURIComponent(m[1]), operation: m[2] as 'converse' | 'converse-stream' | 'invoke' };
  } catch {
    return undefined;
  }
}

export const isOperationPath = (operation: string) => (path: string): boolean => parseModelPath(path)?.operation === operation;
