/** What every CLI command gets: the environment and output streams, passed in for testability. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A mistake in how the command was called: printed with a hint and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
