import type { ConfigResult } from './config-error.ts';
import { parseConfigText, type ParseConfigOptions } from './parse-config-text.ts';
import type { Config } from './types.ts';

/**
 * What `switchyard start` runs on without a config file. Kept as YAML and parsed like any
 * file, so the defaults cannot bypass validation or drift from the documented format.
 */
export const DEFAULT_CONFIG_TEXT = `
server:
  host: 127.0.0.1
  port: 4000
providers:
  openai:
    type: openai
    api_key: \${OPENAI_API_KEY:-}
models:
  gpt-4o-mini: openai/gpt-4o-mini
  gpt-4o: openai/gpt-4o
  gpt-4.1: openai/gpt-4.1
  gpt-4.1-mini: openai/gpt-4.1-mini
  o4-mini: openai/o4-mini
  text-embedding-3-small: openai/text-embedding-3-small
  text-embedding-3-large: openai/text-embedding-3-large
`;

/** The built-in config with its warnings (e.g. OPENAI_API_KEY unset), for callers that log them. */
export function defaultConfigResult(env: Record<string, string | undefined>, options: Pick<ParseConfigOptions, 'readFile'> = {}): Extract<ConfigResult, { ok: true }> {
  const result = parseConfigText(DEFAULT_CONFIG_TEXT, env, undefined, options);
  if (!result.ok) throw new Error(`built-in default config is invalid: ${result.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
  return result;
}

/** The built-in config: one `openai` provider keyed by OPENAI_API_KEY and the common OpenAI models. */
export function defaultConfig(env: Record<string, string | undefined>): Config {
  return defaultConfigResult(env).config;
}
