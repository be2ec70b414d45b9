#!/usr/bin/env bash
# Quick start: prepares the machine, builds the release preset and decodes
# the bundled CPM example messages with cpm-inspect.
set -euo pipefail

cd "$(dirname "$0")/.."
./scripts/setup.sh release

inspect=build/release/apps/cpm-inspect/cpm-inspect
if [[ ! -x "$inspect" ]]; then
    echo "demo: $inspect was not built (is apps/cpm-inspect in this checkout?)" >&2
    exit 1
fi

echo "demo: $inspect sip examples/sip/*.sip"
"$inspect" sip examples/sip/*.sip
