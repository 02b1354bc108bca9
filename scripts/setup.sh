#!/usr/bin/env bash
# setup.sh — installs what is missing and nothing else (idempotent; `npm run setup`).
#
# System packages come from Debian's apt (as root); JavaScript packages from package-lock.json
# via `npm ci`. Where apt is not available or we are not root, it says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang-14 and libclang-rt-14-dev are for the fuzzer (scripts/fuzz.sh: clang++-14 -fsanitize=fuzzer).
# emscripten depends on clang-14, but libFuzzer's runtime (libclang-rt-14-dev) only comes with it as a
# Recommends, which --no-install-recommends and many images skip: both are named here.
APT_PACKAGES=(cmake make g++ python3 libeigen3-dev catch2 nlohmann-json3-dev emscripten chromium chromium-driver
  clang-14 libclang-rt-14-dev)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  for c in cmake make g++ em++ chromium clang++-14; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
fi

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: on Debian 12 install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
fi

# npm ci only when node_modules is absent or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
