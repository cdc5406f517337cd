#!/usr/bin/env bash
# Installs gVisor's runsc (Debian package) and registers it with Docker as runtime "runsc".
# Merges into an existing /etc/docker/daemon.json (other keys and runtimes are kept), then
# reloads a running daemon with SIGHUP (running containers survive; never a restart) or
# starts one. `--network=none` is required: without it every start fails and leaks
# runsc-sandbox/runsc-gofer processes (docs/SANDBOX.md).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
RUNSC=/usr/bin/runsc
CONFIG=/etc/docker/daemon.json

if [ ! -x "$RUNSC" ]; then
  echo "Installing runsc (gVisor)"
  apt-get update -q
  apt-get install -y -q --no-install-recommends runsc >/dev/null
fi

mkdir -p "$(dirname "$CONFIG")"
changed=$(RUNSC="$RUNSC" CONFIG="$CONFIG" node -e '
  const fs = require("node:fs");
  const { CONFIG, RUNSC } = process.env;
  const before = fs.existsSync(CONFIG) ? fs.readFileSync(CONFIG, "utf8") : "{}";
  const config = JSON.parse(before.trim() === "" ? "{}" : before);
  config.runtimes = { ...config.runtimes, runsc: { path: RUNSC, runtimeArgs: ["--network=none"] } };
  const after = `${JSON.stringify(config, null, 2)}\n`;
  if (after !== before) fs.writeFileSync(CONFIG, after);
  process.stdout.write(after === before ? "no" : "yes");
')

if docker info >/dev/null 2>&1; then
  if [ "$changed" = yes ] || ! docker info --format '{{json .Runtimes}}' | grep -q '"runsc"'; then
    kill -HUP "$(cat /var/run/docker.pid)"
    for _ in $(seq 1 40); do docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' && break; sleep 0.25; done
  fi
else
  rm -f /var/run/docker.pid
  nohup dockerd >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
fi
docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' || { echo "Docker does not list runsc after registering it"; exit 1; }
echo "runsc is registered with Docker"
