const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const PATTERN = /^(\d{1,6})([smhdwy])$/;

/** Parses `30d`, `12h`, `90m`... into milliseconds; throws with the accepted forms on anything else. */
export function parseDuration(text: string): number {
  const m = PATTERN.exec(text.trim());
  if (!m || Number(m[1]) === 0) {
    throw new Error(`invalid duration "${text}": use a positive number and a unit, e.g. 45m, 12h, 30d, 1y (units: s m h d w y)`);
  }
  return Number(m[1]) * UNITS[m[2]];
}
