#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect msrp`: the JSON of known message files
# (one or more messages each) is compared byte for byte with golden files,
# and bad ones must exit 1 with exactly one line "error: FILE:LINE:COL:
# sentence", the position being in the whole file.
#
# usage: cpm_inspect_msrp_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
kind=msrp
data=tests/data/inspect/msrp
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

# --- golden JSON ---------------------------------------------------------
for example in examples/msrp/*.msrp; do
    golden "example-$(basename "$example" .msrp)" "$example"
done
golden binary-body "$data/binary-body.msrp"

# Each example holds several messages; the JSON has one object per message.
count=$(grep -c '"transaction_id"' "$data/example-relay-auth.json")
if [[ $count == 4 ]]; then pass "relay-auth has 4 messages"; else fail "relay-auth has 4 messages" "found $count"; fi

# Standard input ('-').
"$bin" msrp - <examples/msrp/basic-send.msrp >"$scratch/out" 2>"$scratch/err"
status=$?
sed 's|"file": "-"|"file": "examples/msrp/basic-send.msrp"|' "$scratch/out" >"$scratch/renamed"
if ((status != 0)) || [[ -s $scratch/err ]]; then
    fail stdin "exit $status, stderr: $(head -c 300 "$scratch/err")"
elif diff -u "$data/example-basic-send.json" "$scratch/renamed" >/dev/null; then
    pass stdin
else
    fail stdin "differs from $data/example-basic-send.json"
fi

# --- errors ----------------------------------------------------------------
# The position is in the whole file: here in its second message.
rejected bad-byte-range "error: $data/bad-byte-range.msrp:9:15: MSRP Byte-Range: range-end lies past the total" \
    "$bin" msrp "$data/bad-byte-range.msrp"
rejected bad-path-uri "error: $data/bad-path-uri.msrp:2:84: MSRP To-Path: MSRP URI: session-id must not be empty" \
    "$bin" msrp "$data/bad-path-uri.msrp"
rejected from-path-second "error: $data/from-path-second.msrp:3:1: MSRP From-Path: must be the second header field" \
    "$bin" msrp "$data/from-path-second.msrp"
rejected no-end-line "error: $data/no-end-line.msrp:9:1: MSRP end-line: -------a786hjs2 not found after the body" \
    "$bin" msrp "$data/no-end-line.msrp"
rejected bad-digest "error: $data/bad-digest.msrp:4:32: MSRP WWW-Authenticate: realm must be a quoted-string" \
    "$bin" msrp "$data/bad-digest.msrp"
rejected empty "error: -:1:1: MSRP head: the input ends inside the head" \
    sh -c '"$0" msrp - </dev/null' "$bin"
# A SIP message is not MSRP.
rejected sip-message "error: examples/sip/register-cpm.sip:1:1: MSRP start line: expected MSRP <transaction id> <method or status>" \
    "$bin" msrp examples/sip/register-cpm.sip

finish
