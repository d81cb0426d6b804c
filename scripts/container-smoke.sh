#!/usr/bin/env bash
# Builds the Dockerfile with podman and smoke-tests the image, with no image registry:
#   1. installs podman and runc when missing (apt-get, as root);
#   2. assembles a minimal base image (Node from the npm registry's node-linux-<arch> package, its
#      ldd libraries, npm from the npm registry, Debian's busybox-static for /bin/sh), cached
#      under a tag derived from those inputs, so re-runs skip it;
#   3. builds the Dockerfile on it (--build-arg BASE_IMAGE=localhost/...);
#   4. runs it --read-only with a data volume, the master key from a file and a config that points
#      at the provider emulator on the host; creates a key through the admin API, serves a chat,
#      checks /readyz and the image's HEALTHCHECK;
#   5. stops it with SIGTERM and checks it exits 0 within the stop timeout.
# Idempotent; removes its container, emulator and temporary files on exit.
# Usage: sh scripts/container-smoke.sh   (root, Linux x64/arm64; CI runs it from .ci/run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
NODE_PIN=24.21.0
NPM_PIN=11.19.1
BASE_LAYOUT=1
IMAGE=localhost/switchyard:smoke
NAME="switchyard-smoke-$$"
STOP_TIMEOUT=25
MASTER_KEY="smoke-master-key-$(date +%s)-$$"
cache="${SWITCHYARD_CONTAINER_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/switchyard-container}"

log() { printf '[container-smoke %3ss] %s\n' "$SECONDS" "$*"; }
fail() { printf '[container-smoke %3ss] FAILED: %s\n' "$SECONDS" "$*" >&2; exit 1; }

tmp=$(mktemp -d)
emulator_pid=""
cleanup() {
  podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

case $(uname -m) in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) fail "unsupported CPU $(uname -m)" ;; esac

# 1. podman + runc, configured for these machines (docs: ../shared/notes/containers.md).
if ! command -v podman >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || fail "podman and runc are missing; install them as root: apt-get install -y podman runc"
  log "installing podman and runc (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc >/dev/null
fi
cat > "$tmp/containers.conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
export CONTAINERS_CONF="$tmp/containers.conf"
log "$(podman --version)"

# 2. The base image: Node, npm and busybox in a root of their own.
mkdir -p "$cache"
node_bin="$root/.tools/node-$NODE_PIN-linux-$arch/bin/node"
if [ ! -x "$node_bin" ]; then
  node_bin="$cache/node-$NODE_PIN-linux-$arch/bin/node"
  if [ ! -x "$node_bin" ]; then
    log "fetching node-linux-$arch@$NODE_PIN from the npm registry"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_PIN" >/dev/null)
    mkdir -p "$cache/node-$NODE_PIN-linux-$arch"
    tar xzf "$tmp"/node-linux-*.tgz -C "$cache/node-$NODE_PIN-linux-$arch" --strip-components=1
  fi
fi
npm_tgz="$cache/npm-$NPM_PIN.tgz"
if [ ! -f "$npm_tgz" ]; then
  log "fetching npm@$NPM_PIN from the npm registry"
  (cd "$tmp" && npm pack --silent "npm@$NPM_PIN" >/dev/null && mv npm-"$NPM_PIN".tgz "$npm_tgz")
fi
busybox_deb=$(ls "$cache"/busybox-static_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$busybox_deb" ]; then
  log "fetching Debian's busybox-static"
  (cd "$cache" && { apt-get download busybox-static >/dev/null 2>&1 || { apt-get update -qq && apt-get download busybox-static >/dev/null; }; })
  busybox_deb=$(ls "$cache"/busybox-static_*.deb | head -n 1)
fi
libs=$(ldd "$node_bin" | grep -o '/[^ ]*' | sort -u)
# A TLS-intercepting proxy's CA that this machine trusts, so npm ci in the build reaches the registry.
ca_file="${NODE_EXTRA_CA_CERTS:-}"
if [ -z "$ca_file" ]; then ca_file=$(npm config get cafile 2>/dev/null || true); fi
case "$ca_file" in ""|null|undefined) ca_file="" ;; esac
[ -z "$ca_file" ] || [ -f "$ca_file" ] || ca_file=""
ca_sum=$([ -n "$ca_file" ] && sha256sum < "$ca_file" | cut -c1-16 || echo none)
inputs="layout=$BASE_LAYOUT node=$NODE_PIN-$arch npm=$NPM_PIN busybox=$(basename "$busybox_deb") libc=$(ldd --version | head -n 1) libs=$(echo $libs) ca=$ca_sum"
BASE="localhost/switchyard-base:$(printf '%s' "$inputs" | sha256sum | cut -c1-16)"
if podman image exists "$BASE"; then
  log "base image $BASE cached"
else
  log "assembling base image $BASE"
  r="$tmp/rootfs"
  mkdir -p "$r/usr/local/bin" "$r/usr/local/lib/node_modules" "$r/bin" "$r/usr/bin" "$r/etc" "$r/tmp" "$r/root"
  chmod 1777 "$r/tmp"
  cp "$node_bin" "$r/usr/local/bin/node"
  tar xzf "$npm_tgz" -C "$r/usr/local/lib/node_modules"
  mv "$r/usr/local/lib/node_modules/package" "$r/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
  for lib in $libs; do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
  done
  dpkg-deb -x "$busybox_deb" "$tmp/busybox"
  cp "$tmp/busybox/bin/busybox" "$r/bin/busybox"
  for applet in $("$r/bin/busybox" --list); do
    [ -e "$r/bin/$applet" ] || ln -s busybox "$r/bin/$applet"
  done
  ln -s /bin/env "$r/usr/bin/env"
  printf 'root:x:0:0:root:/root:/bin/sh\nswitchyard:x:10001:10001::/nonexistent:/bin/false\n' > "$r/etc/passwd"
  printf 'root:x:0:\nswitchyard:x:10001:\n' > "$r/etc/group"
  printf 'hosts: files dns\n' > "$r/etc/nsswitch.conf"
  ca_env=()
  if [ -n "$ca_file" ]; then
    mkdir -p "$r/etc/ssl/certs"
    cp -L "$ca_file" "$r/etc/ssl/certs/ca-certificates.crt"
    ca_env=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
  fi
  tar --numeric-owner -C "$r" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' "${ca_env[@]}" --change 'CMD ["node"]' - "$BASE" >/dev/null
  rm -rf "$r" "$tmp/busybox"
  for old in $(podman images --format '{{.Repository}}:{{.Tag}}' localhost/switchyard-base); do
    [ "$old" = "$BASE" ] || podman rmi "$old" >/dev/null 2>&1 || true
  done
  podman run --rm --network host "$BASE" node -e 'process.version' >/dev/null || fail "the base image cannot run node"
fi

# 3. The application image, exactly as users build it, on the local base.
log "building the Dockerfile on $BASE"
podman build --quiet --format docker --network host --build-arg "BASE_IMAGE=$BASE" -t "$IMAGE" "$root" >/dev/null \
  || fail "podman build failed (run: podman build --format docker --network host --build-arg BASE_IMAGE=$BASE $root)"
[ "$(podman image inspect --format '{{.Config.User}}' "$IMAGE")" = "10001:10001" ] || fail "the image does not run as the non-root user 10001"

# 4. Emulator on the host, the container beside it on the host network.
free_port() { sh "$root/scripts/node.sh" -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
sh "$root/scripts/node.sh" "$root/test/emulator/main.ts" --port 0 --api-key smoke-upstream-key > "$tmp/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
  emulator_url=$(sed -n 's/^emulator listening on \(http[^ ]*\).*/\1/p' "$tmp/emulator.log")
  [ -n "$emulator_url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator did not start: $(cat "$tmp/emulator.log")"
  sleep 0.1
done
[ -n "$emulator_url" ] || fail "the emulator did not report its port"
port=$(free_port)
log "emulator at $emulator_url; gateway will listen on port $port"

mkdir -p "$tmp/data" "$tmp/etc" "$tmp/secrets"
printf '%s\n' "$MASTER_KEY" > "$tmp/secrets/switchyard_master_key"
printf 'smoke-upstream-key\n' > "$tmp/secrets/upstream_key"
cat > "$tmp/etc/switchyard.yaml" <<YAML
providers:
  emu:
    type: openai
    base_url: $emulator_url/v1
    api_key: \${FILE:/run/secrets/upstream_key}
models:
  gpt-4o-mini: emu/gpt-4o-mini
YAML
chown -R 10001:10001 "$tmp/data"
chmod 0644 "$tmp/secrets/"* "$tmp/etc/switchyard.yaml"

podman run -d --name "$NAME" --read-only --read-only-tmpfs=false --network host --health-interval disable \
  -e PORT="$port" -e SWITCHYARD_MASTER_KEY_FILE=/run/secrets/switchyard_master_key \
  -v "$tmp/data:/data" -v "$tmp/etc:/etc/switchyard:ro" -v "$tmp/secrets:/run/secrets:ro" \
  "$IMAGE" >/dev/null 2>"$tmp/podman-run.err" || fail "podman run: $(cat "$tmp/podman-run.err")"
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  if [ "$(podman inspect --format '{{.State.Running}}' "$NAME")" != true ]; then fail "the container exited: $(podman logs "$NAME" 2>&1 | tail -n 20)"; fi
  sh "$root/scripts/node.sh" -e "fetch('$base/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
podman logs "$NAME" > "$tmp/gateway.log" 2>&1
grep -q "production mode: running under Node's permission model" "$tmp/gateway.log" || fail "not running in production mode: $(podman logs "$NAME" 2>&1 | tail -n 20)"
grep -q '"url":"http://0.0.0.0:' "$tmp/gateway.log" || fail "not listening on 0.0.0.0 (SWITCHYARD_HOST): $(tail -n 20 "$tmp/gateway.log")"
log "ready (read-only root, non-root user, Node permission model)"

podman healthcheck run "$NAME" >/dev/null 2>&1 || fail "the image's HEALTHCHECK failed"
log "HEALTHCHECK passes"

SMOKE_BASE="$base" SMOKE_MASTER_KEY="$MASTER_KEY" sh "$root/scripts/node.sh" - <<'JS' || fail "chat through the container failed: $(podman logs "$NAME" 2>&1 | tail -n 20)"
const base = process.env.SMOKE_BASE;
const admin = { authorization: `Bearer ${process.env.SMOKE_MASTER_KEY}`, 'content-type': 'application/json' };
const created = await fetch(`${base}/admin/v1/keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'container-smoke' }) });
if (created.status !== 201) throw new Error(`key create: ${created.status} ${await created.text()}`);
const { key } = await created.json();
const chat = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello from the container smoke test' }] }) });
const body = await chat.json();
if (chat.status !== 200 || body.object !== 'chat.completion' || chat.headers.get('x-switchyard-provider') !== 'emu') throw new Error(`chat: ${chat.status} ${JSON.stringify(body)}`);
const ready = await fetch(`${base}/readyz`);
if (!ready.ok) throw new Error(`readyz: ${ready.status}`);
JS
log "a key from the admin API (master key from a file) served a chat through the emulator"

if podman exec --user 0 "$NAME" node -e "require('node:fs').writeFileSync('/app/x', 'x')" >/dev/null 2>&1; then fail "the root filesystem is writable"; fi
[ -f "$tmp/data/switchyard.db" ] || fail "no database in the data volume"

# 5. SIGTERM and a clean exit.
t0=$SECONDS
podman stop -t "$STOP_TIMEOUT" "$NAME" >/dev/null 2>"$tmp/podman-stop.err" || fail "podman stop: $(cat "$tmp/podman-stop.err")"
code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || fail "exit code $code after SIGTERM: $(podman logs "$NAME" 2>&1 | tail -n 20)"
[ $((SECONDS - t0)) -lt "$STOP_TIMEOUT" ] || fail "the gateway did not stop within ${STOP_TIMEOUT}s of SIGTERM"
podman logs "$NAME" > "$tmp/gateway.log" 2>&1
grep -q "switchyard stopped" "$tmp/gateway.log" || fail "no 'switchyard stopped' line in the logs"
log "stopped on SIGTERM in $((SECONDS - t0))s with exit code 0"
log "OK"
