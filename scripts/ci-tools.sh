#!/usr/bin/env bash
# Installs the real tools the tests run against, when the machine lacks them.
# Debian packages only (the one package registry besides npm that these machines reach).
set -euo pipefail
need=()
command -v lua5.4 >/dev/null || need+=(lua5.4)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing tools: ${need[*]} (install them with apt-get, as root)" >&2
    exit 1
  fi
fi
