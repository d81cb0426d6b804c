#!/bin/sh
# Runs the project's Node.js with the given arguments.
# The project needs Node >= 22.18 (type stripping). Where the machine's Node is older or missing,
# a pinned Node 24 is fetched once from the npm registry into .tools/ and used from then on.
# Installs dependencies (npm ci --ignore-scripts) when node_modules is missing or stale.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
NODE_PIN=24.21.0

supported() {
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}

if command -v node >/dev/null 2>&1 && supported node; then
  NODE=node
else
  case $(uname -s) in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "switchyard: unsupported OS $(uname -s); install Node >= 22.18" >&2; exit 1 ;; esac
  case $(uname -m) in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "switchyard: unsupported CPU $(uname -m); install Node >= 22.18" >&2; exit 1 ;; esac
  dir="$root/.tools/node-$NODE_PIN-$os-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    echo "switchyard: Node $(node -v 2>/dev/null || echo '(none)') is older than 22.18; fetching Node $NODE_PIN from the npm registry (once)..." >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-$os-$arch@$NODE_PIN" >/dev/null)
    mkdir -p "$dir.partial"
    tar xzf "$tmp"/node-*.tgz -C "$dir.partial" --strip-components=1
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
    echo "switchyard: Node $NODE_PIN ready in $dir" >&2
  fi
  NODE="$dir/bin/node"
  PATH="$dir/bin:$PATH"
  export PATH
fi

if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  echo "switchyard: installing dependencies (npm ci --ignore-scripts)..." >&2
  (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
fi

# Node's compile cache keeps each module's type-stripped, compiled code between runs (keyed by content, so an
# edit only misses its own file): a gateway that finds its modules there never loads the type stripper, which
# saves about 35 MB of resident memory (docs/benchmarks.md) and starts faster. NODE_COMPILE_CACHE set by the
# caller wins; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
if [ -z "${NODE_COMPILE_CACHE:-}" ]; then
  NODE_COMPILE_CACHE="$root/node_modules/.cache/node-compile-cache"
  export NODE_COMPILE_CACHE
fi

exec "$NODE" "$@"
