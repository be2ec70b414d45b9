#!/usr/bin/env bash
# Prepares a Debian 12 machine (as root) and builds one preset.
#   ./scripts/setup.sh [PRESET [CMAKE_ARGS...]]   PRESET defaults to "release";
#                                                  CMAKE_ARGS go to the configure step
# Idempotent: installs only the packages that are missing, and runs
# apt-get update only when something is.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
    build-essential cmake ninja-build
    clang-14 libclang-rt-14-dev              # clang and libFuzzer for the fuzz preset
    libboost1.81-dev libboost-test1.81-dev libboost-json1.81-dev
    libosip2-dev libsofia-sip-ua-dev         # peers of the SIP parser benchmark
    libexpat1-dev libpugixml-dev             # peers of the XML reader benchmark
    libssl-dev                               # OpenSSL libcrypto: Digest MD5/SHA-256 (sip/auth)
    python3
    sip-tester                               # SIPp, for interop tests
    kamailio                                 # Kamailio 5.6: interop test and MESSAGE-rate bench peer
)

missing=()
for p in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    if ((EUID != 0)); then
        echo "setup: missing packages and not root; run as root or install them first" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
fi

preset="${1:-release}"
shift $(($# > 0 ? 1 : 0))
echo "setup: configuring and building preset '$preset'"
cmake --preset "$preset" "$@"
cmake --build --preset "$preset"
