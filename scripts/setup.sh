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
# python3-numpy, python3-torch and python3-onnx run net.export's files in the tests (their real runtimes).
APT_PACKAGES=(cmake make g++ python3 libeigen3-dev catch2 nlohmann-json3-dev emscripten chromium chromium-driver
  clang-14 libclang-rt-14-dev python3-numpy python3-torch python3-onnx)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else  # not a Debian system: name the commands that are missing (package names differ elsewhere)
  commands=()
  for c in cmake make g++ python3 em++ chromium clang++-14; do command -v "$c" >/dev/null 2>&1 || commands+=("$c"); done
  if ((${#commands[@]})); then
    echo "setup: no dpkg here, and these commands are missing: ${commands[*]}" >&2
    echo "setup: install the equivalents of the Debian 12 packages ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
fi

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: on Debian 12 install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci only when node_modules is absent or older than the lock file (npm ci writes
# node_modules/.package-lock.json last). A node_modules that is a symlink (a folder shared between
# git worktrees) is never reinstalled from here: npm ci would empty the folder it points to, under
# every checkout that uses it.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  if [[ -L node_modules ]]; then
    target=$(readlink -f node_modules)
    echo "setup: node_modules links to $target, which looks older than package-lock.json;" >&2
    echo "setup: not reinstalling a shared folder (run npm ci where it lives if it needs it)" >&2
    [[ -f node_modules/.package-lock.json ]] || exit 1
  else
    echo "setup: npm ci (node_modules is missing or older than package-lock.json)"
    npm ci --no-audit --no-fund
  fi
fi
