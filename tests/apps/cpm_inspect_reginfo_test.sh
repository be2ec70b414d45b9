#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect reginfo`: the JSON of the examples is
# compared byte for byte with golden files, and bad documents must exit 1
# with exactly one line "error: FILE:LINE:COL: sentence".
#
# usage: cpm_inspect_reginfo_test.sh CPM_INSPECT SOURCE_DIR [--update]
kind=reginfo
data=tests/data/inspect/reginfo
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

for example in examples/reginfo/*.xml; do
    golden "example-$(basename "$example" .xml)" "$example"
done

rejected bad-event \
    "error: $data/bad-event.xml:4:36: reginfo: <contact> event must be registered, created, refreshed, shortened, expired, deactivated, probation, unregistered or rejected" \
    "$bin" reginfo "$data/bad-event.xml"
rejected missing-uri "error: $data/missing-uri.xml:4:5: reginfo: <contact> needs a <uri> element" \
    "$bin" reginfo "$data/missing-uri.xml"

finish
