/** Edit distance counting adjacent transpositions as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The candidate a typo most likely meant, or undefined when nothing is close enough to
 * suggest. Near edit distance wins; otherwise a long shared prefix (`max_body` → `max_body_bytes`).
 */
export function nearestName(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  const limit = Math.max(1, Math.floor(input.length * 0.4));
  const minPrefix = Math.max(3, Math.ceil(input.length * 0.6));
  let best: string | undefined;
  let bestDistance = Infinity;
  let byPrefix: string | undefined;
  let bestPrefix = 0;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    const prefix = commonPrefixLength(wanted, lower);
    if (prefix > bestPrefix) {
      byPrefix = candidate;
      bestPrefix = prefix;
    }
  }
  if (bestDistance <= limit) return best;
  return bestPrefix >= minPrefix ? byPrefix : undefined;
}
