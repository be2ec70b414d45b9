#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect resource-lists`: the JSON of the
# examples is compared byte for byte with golden files, and bad documents
# must exit 1 with exactly one line "error: FILE:LINE:COL: sentence".
#
# usage: cpm_inspect_resource_lists_test.sh CPM_INSPECT SOURCE_DIR [--update]
kind=resource-lists
data=tests/data/inspect/resource-lists
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

for example in examples/resource-lists/*.xml; do
    golden "example-$(basename "$example" .xml)" "$example"
done

rejected bad-copy-control \
    "error: $data/bad-copy-control.xml:5:36: resource-lists: copyControl must be to, cc or bcc (RFC 5364)" \
    "$bin" resource-lists "$data/bad-copy-control.xml"
rejected missing-uri "error: $data/missing-uri.xml:4:5: resource-lists: <entry> needs a uri attribute" \
    "$bin" resource-lists "$data/missing-uri.xml"
# The XML reader's own refusals come through unchanged (no DTD, so no XXE).
"$bin" resource-lists "$data/doctype.xml" >"$scratch/out" 2>"$scratch/err"
status=$?
if ((status == 1)) && [[ ! -s $scratch/out ]] && grep -q "^error: $data/doctype.xml:2:" "$scratch/err"; then
    pass doctype
else
    fail doctype "exit $status, stderr: $(cat "$scratch/err")"
fi

finish
