#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect sdp`: the JSON of known session
# descriptions is compared byte for byte with golden files, and bad ones
# must exit 1 with exactly one line "error: FILE:LINE:COL: sentence".
#
# usage: cpm_inspect_sdp_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
kind=sdp
data=tests/data/inspect/sdp
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

# --- golden JSON ---------------------------------------------------------
for example in examples/sdp/*.sdp; do
    golden "example-$(basename "$example" .sdp)" "$example"
done
golden all-lines "$data/all-lines.sdp"
golden lf-file-selector "$data/lf-file-selector.sdp"

# Standard input ('-').
"$bin" sdp - <examples/sdp/chat-offer.sdp >"$scratch/out" 2>"$scratch/err"
status=$?
sed 's|"file": "-"|"file": "examples/sdp/chat-offer.sdp"|' "$scratch/out" >"$scratch/renamed"
if ((status != 0)) || [[ -s $scratch/err ]]; then
    fail stdin "exit $status, stderr: $(head -c 300 "$scratch/err")"
elif diff -u "$data/example-chat-offer.json" "$scratch/renamed" >/dev/null; then
    pass stdin
else
    fail stdin "differs from example-chat-offer.json (file name aside)"
fi

# --- errors ----------------------------------------------------------------
rejected bad-media-line "error: $data/bad-media-line.sdp:6:24: SDP line 6: m= expected <media> <port> <proto> <fmt>" \
    "$bin" sdp "$data/bad-media-line.sdp"
rejected out-of-order "error: $data/out-of-order.sdp:5:1: SDP line 5: c= is out of order (RFC 8866 section 5: session-level lines come in the order v o s i u e p c b t r z k a, then m=)" \
    "$bin" sdp "$data/out-of-order.sdp"
# Typed MSRP attributes are decoded too: their errors point into the value.
rejected bad-accept-types "error: $data/bad-accept-types.sdp:7:26: SDP line 7: a=accept-types: entries are separated by one space" \
    "$bin" sdp "$data/bad-accept-types.sdp"
rejected missing-path "error: $data/missing-path.sdp:6:1: SDP line 6: m=message needs a=path (RFC 4975 section 8)" \
    "$bin" sdp "$data/missing-path.sdp"
rejected stdin-bad "error: -:6:24: SDP line 6: m= expected <media> <port> <proto> <fmt>" \
    sh -c '"$0" sdp - <"$1"' "$bin" "$data/bad-media-line.sdp"

finish
