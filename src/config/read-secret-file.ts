/** A secret read from a file, or why it could not be; the problem names the path, never the content. */
export type SecretFileResult = { ok: true; value: string } | { ok: false; problem: string };

/** Why a file the config names could not be read, in words (the error code when it is an unusual one). */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ERR_ACCESS_DENIED') return "denied by Node's permission model (restart so the production mode grants read access to it)";
  return code ?? 'unreadable';
}

/**
 * Reads a secret mounted as a file (Docker and Kubernetes secrets, `*_FILE` variables). One
 * trailing newline (`\n` or `\r\n`) is dropped, since `echo` and editors add one; anything
 * else is kept verbatim. An empty file is an error: it is almost always a secret that was
 * never provisioned, and running on an empty credential fails later and less clearly.
 */
export function readSecretFile(path: string, readFile: (path: string) => string): SecretFileResult {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    return { ok: false, problem: `cannot read secret file ${path}: ${readProblem(error)}` };
  }
  const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (value === '') return { ok: false, problem: `secret file ${path} is empty` };
  return { ok: true, value };
}
