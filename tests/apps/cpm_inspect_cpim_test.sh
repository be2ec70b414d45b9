#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect cpim`: the JSON of the examples is
# compared byte for byte with golden files, and bad bodies must exit 1 with
# exactly one line "error: FILE:LINE:COL: sentence" on stderr.
#
# usage: cpm_inspect_cpim_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
kind=cpim
data=tests/data/inspect/cpim
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

# --- golden JSON ---------------------------------------------------------
for example in examples/cpim/*.cpim; do
    golden "example-$(basename "$example" .cpim)" "$example"
done

# --- errors ----------------------------------------------------------------
rejected bad-datetime "error: $data/bad-datetime.cpim:2:19: CPIM DateTime: no such day in that month" \
    "$bin" cpim "$data/bad-datetime.cpim"
# The parser keeps values raw; inspect decodes every escape, so a backslash
# that starts no RFC 3862 2.3 escape is reported where it stands.
rejected bad-escape "error: $data/bad-escape.cpim:2:12: CPIM escape: '\\' must be followed by u and four hex digits, b, t, n, r, '\"', ''' or '\\'" \
    "$bin" cpim "$data/bad-escape.cpim"
rejected bad-ns "error: $data/bad-ns.cpim:2:10: CPIM NS: expected [prefix] <URI>" \
    "$bin" cpim "$data/bad-ns.cpim"
# "Content-Type: text/plain" is a CPIM header too: the headers never end.
rejected no-blank-line "error: $data/no-blank-line.cpim:3:1: CPIM: expected a blank line after the message headers" \
    "$bin" cpim "$data/no-blank-line.cpim"
rejected bare-lf "error: $data/bare-lf.cpim:1:25: CPIM header: line must end in CRLF" \
    "$bin" cpim "$data/bare-lf.cpim"
rejected stdin-bad-ns "error: -:2:10: CPIM NS: expected [prefix] <URI>" \
    sh -c '"$0" cpim - <"$1"' "$bin" "$data/bad-ns.cpim"

finish
