const SECRET_KEY_NAME = /authorization|api[-_]?key|secret|password|token$|^key$|master/i;
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{8,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,}|AIza[0-9A-Za-z_-]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}\b)/g;

/** Replaces secret-looking values in a log payload; applied by the logger to every line. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, (m) => `${m.slice(0, 6)}…<redacted>`);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY_NAME.test(k) && v != null && v !== '' ? '<redacted>' : redact(v, depth + 1);
  }
  return out;
}
