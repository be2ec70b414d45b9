#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect sip`: the JSON of known messages is
# compared byte for byte with golden files, and bad messages must exit 1
# with exactly one line "error: FILE:LINE:COL: sentence" on stderr.
#
# usage: cpm_inspect_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
kind=sip
data=tests/data/inspect
rfc=tests/data/sip/rfc4475
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

# --- golden JSON ---------------------------------------------------------
for example in examples/sip/*.sip; do
    stem=$(basename "$example" .sip)
    golden "example-$stem" "$example"
done
for torture in wsinv esc01 escnull unreason intmeth longreq; do
    golden "rfc4475-$torture" "$rfc/$torture.sip"
done
golden all-request-headers "$data/all-request-headers.sip"
golden all-response-headers "$data/all-response-headers.sip"

# Standard input ('-'): RFC 4475 mpart01 (multipart body with a binary part,
# and an Identity in the unquoted form of the drafts before RFC 4474).
"$bin" sip - <"$rfc/mpart01.sip" >"$scratch/out" 2>"$scratch/err"
status=$?
[[ $update == --update ]] && cp "$scratch/out" "$data/stdin-mpart01.json"
if ((status != 0)) || [[ -s $scratch/err ]]; then
    fail stdin-mpart01 "exit $status, stderr: $(head -c 300 "$scratch/err")"
else
    same stdin-mpart01 "$data/stdin-mpart01.json" "$scratch/out"
fi

# --- errors ----------------------------------------------------------------
rejected badinv01 "error: $rfc/badinv01.sip:7:28: Via: unexpected character after via-parm" \
    "$bin" sip "$rfc/badinv01.sip"
rejected quotbal "error: $rfc/quotbal.sip:2:5: To: malformed display name or URI" \
    "$bin" sip "$rfc/quotbal.sip"
rejected ltgtruri "error: $rfc/ltgtruri.sip:1:8: request line: Request-URI must start with a scheme" \
    "$bin" sip "$rfc/ltgtruri.sip"
# Date is decoded on access: the message frames, the header does not decode.
rejected baddate "error: $rfc/baddate.sip:8:33: Date: the time zone must be GMT" \
    "$bin" sip "$rfc/baddate.sip"
# An addr-spec Contact may not hold '?' (RFC 3261 20.10).
rejected regbadct "error: $rfc/regbadct.sip:8:30: Contact: unexpected character after the address" \
    "$bin" sip "$rfc/regbadct.sip"
# A URI inside a header that does not parse makes the header an error; the
# position is in the whole message (here on a continuation line).
rejected bad-route-uri "error: $data/bad-route-uri.sip:9:25: Route: SIP-URI: port out of range" \
    "$bin" sip "$data/bad-route-uri.sip"
rejected bad-multipart "error: $data/bad-multipart.sip:16:1: multipart: closing boundary --b1-- not found" \
    "$bin" sip "$data/bad-multipart.sip"
rejected stdin-baddate "error: -:8:33: Date: the time zone must be GMT" \
    sh -c '"$0" sip - <"$1"' "$bin" "$rfc/baddate.sip"

# --- several files ----------------------------------------------------------
# Each file is reported; one bad file makes the exit status 1.
"$bin" sip examples/sip/register-cpm.sip "$rfc/baddate.sip" >"$scratch/out" 2>"$scratch/err"
status=$?
if ((status != 1)); then
    fail several-files "exit $status, expected 1"
elif [[ $(cat "$scratch/err") != "error: $rfc/baddate.sip:8:33: Date: the time zone must be GMT" ]]; then
    fail several-files "stderr: $(cat "$scratch/err")"
else
    same several-files "$data/example-register-cpm.json" "$scratch/out"
fi

# --- usage ------------------------------------------------------------------
for args in "" "sip" "bogus examples/sip/register-cpm.sip"; do
    # shellcheck disable=SC2086 # word splitting wanted
    "$bin" $args >/dev/null 2>"$scratch/err"
    status=$?
    if ((status == 2)) && grep -q '^usage: cpm-inspect' "$scratch/err"; then
        pass "usage '$args'"
    else
        fail "usage '$args'" "exit $status"
    fi
done

finish
