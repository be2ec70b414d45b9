#!/usr/bin/env bash
# Quick start: prepares the machine, builds the release preset, then shows a
# pager-mode message travelling from one user to another through our server:
# cpm-server on loopback with two demo users, bob listening with cpm-client,
# alice sending him a MESSAGE, everything shut down at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
./scripts/setup.sh release

exec ./scripts/demo_message.sh build/release/apps
