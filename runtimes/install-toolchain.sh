#!/usr/bin/env bash
# Installs what the runtimes matrix runs in: Node 22, Deno, Bun and Miniflare (workerd) from the npm registry,
# pinned by toolchain/package-lock.json, and Debian's Chromium when it is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x toolchain/node_modules/.bin/deno || toolchain/package-lock.json -nt toolchain/node_modules/.package-lock.json ]]; then
  # npm, not pnpm: the toolchain is not part of the workspace, and bun's and deno's packages pick their
  # platform binary through optional dependencies and (bun) a postinstall script.
  npm ci --prefix toolchain --no-audit --no-fund --loglevel=error
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "Chromium is missing: install Debian's package with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

for tool in node deno bun; do
  printf '%-6s %s\n' "$tool" "$("toolchain/node_modules/.bin/$tool" --version | head -n 1)"
done
printf '%-6s %s\n' workerd "$(toolchain/node_modules/.bin/workerd --version)"
printf '%-6s %s\n' chrome "$(chromium --version 2>/dev/null)"
