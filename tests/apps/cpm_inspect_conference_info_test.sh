#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect conference-info`: the JSON of the
# examples is compared byte for byte with golden files, and bad documents
# must exit 1 with exactly one line "error: FILE:LINE:COL: sentence".
#
# usage: cpm_inspect_conference_info_test.sh CPM_INSPECT SOURCE_DIR [--update]
kind=conference-info
data=tests/data/inspect/conference-info
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

for example in examples/conference-info/*.xml; do
    golden "example-$(basename "$example" .xml)" "$example"
done

rejected bad-status \
    "error: $data/bad-status.xml:5:35: conference-info: <status> must be pending, dialing-out, dialing-in, alerting, on-hold, connected, muted-via-focus, disconnecting or disconnected" \
    "$bin" conference-info "$data/bad-status.xml"
rejected missing-entity "error: $data/missing-entity.xml:2:1: conference-info: <conference-info> needs a entity attribute" \
    "$bin" conference-info "$data/missing-entity.xml"

finish
