/**
 * Own (self) instructions per function in a callgrind dump, with JIT-compiled code named from
 * V8's perf map (`node --perf-basic-prof` writes `/tmp/perf-PID.map`: start, size, name per line).
 * Returns functions by cost, highest first. Only what `bench/instructions.ts` needs of the format:
 * `fn=`/`cfn=` name compression, and cost lines after `calls=` (a callee's inclusive cost) skipped.
 */
export function selfInstructions(dump: string, perfMap: string): [string, number][] {
  const jit = parsePerfMap(perfMap);
  const names = new Map<string, string>();
  const cost = new Map<string, number>();
  let current = '?';
  let afterCall = false;
  const nameOf = (ref: string): string => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(ref);
    if (!m) return ref;
    if (m[2] !== undefined) names.set(m[1], m[2]);
    return names.get(m[1]) ?? ref;
  };
  for (const line of dump.split('\n')) {
    if (line.startsWith('fn=')) {
      current = jitName(nameOf(line.slice(3)), jit);
      afterCall = false;
    } else if (line.startsWith('cfn=')) {
      nameOf(line.slice(4));
    } else if (line.startsWith('calls=')) {
      afterCall = true;
    } else if (/^[\d+*-]/.test(line)) {
      if (afterCall) {
        afterCall = false;
        continue;
      }
      const n = Number(line.split(' ')[1]);
      if (n > 0) cost.set(current, (cost.get(current) ?? 0) + n);
    }
  }
  return [...cost].sort((a, b) => b[1] - a[1]);
}

interface JitRange {
  start: number;
  end: number;
  name: string;
}

function parsePerfMap(text: string): JitRange[] {
  const ranges: JitRange[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (!m) continue;
    const start = parseInt(m[1], 16);
    // `JS:*name` (TurboFan), `+` (Maglev), `^` (Sparkplug), `~` (interpreter): keep the name and where it is.
    ranges.push({ start, end: start + parseInt(m[2], 16), name: m[3].replace(/^JS:[*+^~]?'?/, '').replace(/(?:file:\/\/)?\/\S*?\/(src|node_modules|bench|test)\//, '$1/') });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** A callgrind name that is a bare address (`0x…`) is JIT code: name it from the perf map. */
function jitName(name: string, ranges: JitRange[]): string {
  const m = /^0x([0-9a-f]+)$/.exec(name);
  if (!m) return name;
  const addr = parseInt(m[1], 16);
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= addr) lo = mid + 1;
    else hi = mid - 1;
  }
  const r = ranges[hi];
  return r && addr < r.end ? r.name : '(JIT code not in the perf map)';
}
