/** What a scrubbed secret is replaced with. */
export const SCRUBBED = '<redacted>';

/**
 * Configured values shorter than this are not scrubbed by exact value: a short header value
 * (`true`, `v1`) or a placeholder key (`none` for a local server) would otherwise be cut out of
 * every error message. Real credentials are far longer.
 */
export const MIN_SCRUBBED_LENGTH = 8;

/**
 * Credential shapes scrubbed whether or not they are configured: OpenAI keys (`sk-`, `sk-proj-`),
 * Anthropic keys (`sk-ant-`), the gateway's own virtual keys (`sk-sy-`), Google API keys (`AIza`),
 * AWS access key ids (`AKIA` long-term, `ASIA` temporary), the token after `Bearer`, tokens the
 * gateway mints rather than configures (Google OAuth access tokens `ya29.`, JWTs such as a signed
 * service-account assertion or an Entra ID token), PEM private keys (a cut one up to the end of the
 * text), and the userinfo of a URL (`https://user:pass@host`).
 */
const KEY_SHAPES = [
  String.raw`\bsk-[A-Za-z0-9_-]{8,}`,
  String.raw`\bAIza[0-9A-Za-z_-]{20,}`,
  String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`,
  String.raw`(?<=\b(?:[Bb]earer|BEARER)\s+)[A-Za-z0-9._~+/=-]{8,}`,
  String.raw`\bya29\.[0-9A-Za-z_-]{20,}`,
  String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`,
  String.raw`-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)`,
  String.raw`(?<=\b[A-Za-z][A-Za-z0-9+.-]*://)[^\s/?#@"'<>]+(?=@)`,
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * The forms a configured value takes in upstream text: as is, escaped inside a JSON string (a PEM
 * key's line breaks become `\n`, and some servers write `/` as `\/`), and percent-encoded in a URL.
 */
function spellings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [value, json, json.replaceAll('/', '\\/'), encodeURIComponent(value)];
}

/**
 * Removes credentials from text that came from outside (an upstream's error message, code or
 * param) before it reaches a client, a record, the admin API, a metric or a log. Built once per
 * config from every configured credential (exact values, in every spelling above) plus the known
 * key shapes, as one regular expression: one pass over the text, longest values first so a
 * secret that contains another is removed whole.
 */
export class SecretScrubber {
  private readonly pattern: RegExp;

  constructor(values: Iterable<string>) {
    const exact = new Set<string>();
    for (const v of values) {
      if (v.length < MIN_SCRUBBED_LENGTH) continue;
      for (const s of spellings(v)) exact.add(s);
    }
    const literals = [...exact].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp([...literals, ...KEY_SHAPES].join('|'), 'g');
  }

  /** The text with every credential replaced by `<redacted>`; the same string when there was none. */
  scrub(text: string): string {
    return text.length < MIN_SCRUBBED_LENGTH ? text : text.replace(this.pattern, SCRUBBED);
  }
}
