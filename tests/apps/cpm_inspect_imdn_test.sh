#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect imdn`: the JSON of the examples (IMDN
# documents and message/cpim bodies) is compared byte for byte with golden
# files, and bad inputs must exit 1 with exactly one line
# "error: FILE:LINE:COL: sentence" on stderr, the position in the whole file
# even when the error is in a document carried by a CPIM message.
#
# usage: cpm_inspect_imdn_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
set -u

if (($# < 2)); then
    echo "usage: $0 CPM_INSPECT SOURCE_DIR [--update]" >&2
    exit 2
fi
bin=$1
update=${3:-}
# File names appear in the output, so they are given relative to the root.
cd "$2" || exit 2

golden=tests/data/inspect/imdn
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1: $2"; }

# golden NAME INPUT: exit 0, nothing on stderr, stdout equal to NAME.json.
golden() {
    local name=$1 input=$2 status
    "$bin" imdn "$input" >"$scratch/out" 2>"$scratch/err"
    status=$?
    if [[ $update == --update ]]; then
        cp "$scratch/out" "$golden/$name.json"
    fi
    if ((status != 0)) || [[ -s $scratch/err ]]; then
        fail "$name" "exit $status, stderr: $(head -c 300 "$scratch/err")"
    elif diff -u "$golden/$name.json" "$scratch/out" >"$scratch/diff"; then
        pass "$name"
    else
        fail "$name" "differs from $golden/$name.json"
        head -n 60 "$scratch/diff"
    fi
}

# rejected NAME EXPECTED_LINE COMMAND...: exit 1, no stdout, stderr is the
# one line given.
rejected() {
    local name=$1 expected=$2 status line
    shift 2
    "$@" >"$scratch/out" 2>"$scratch/err"
    status=$?
    line=$(cat "$scratch/err")
    if ((status != 1)); then
        fail "$name" "exit $status, expected 1"
    elif [[ -s $scratch/out ]]; then
        fail "$name" "unexpected output on stdout"
    elif [[ $line != "$expected" ]]; then
        fail "$name" "stderr '$line', expected '$expected'"
    else
        pass "$name"
    fi
}

# --- golden JSON ---------------------------------------------------------
for example in examples/imdn/*.xml examples/imdn/*.cpim; do
    golden "example-$(basename "$example")" "$example"
done

# --- errors ----------------------------------------------------------------
rejected bad-status "error: $golden/bad-status.xml:6:13: imdn: delivery-notification status must be delivered, failed, forbidden or error, not <displayed>" \
    "$bin" imdn "$golden/bad-status.xml"
rejected missing-datetime "error: $golden/missing-datetime.xml:1:1: imdn: <imdn> has no <datetime>" \
    "$bin" imdn "$golden/missing-datetime.xml"
# No DTD is read, so no external entity (XXE) and no entity expansion.
rejected doctype-xxe "error: $golden/doctype-xxe.xml:2:1: XML: <!DOCTYPE is not accepted (no DTDs, no entity declarations, no external entities)" \
    "$bin" imdn "$golden/doctype-xxe.xml"
# An error in the carried document is placed in the whole message.
rejected cpim-bad-body "error: $golden/cpim-bad-body.cpim:12:55: XML: end tag </delivery> does not match the open element <delivery-notification>" \
    "$bin" imdn "$golden/cpim-bad-body.cpim"
rejected cpim-bad-disposition "error: $golden/cpim-bad-disposition.cpim:5:40: Disposition-Notification: expected ',' between notify-reqs" \
    "$bin" imdn "$golden/cpim-bad-disposition.cpim"
rejected stdin-bad-status "error: -:6:13: imdn: delivery-notification status must be delivered, failed, forbidden or error, not <displayed>" \
    sh -c '"$0" imdn - <"$1"' "$bin" "$golden/bad-status.xml"

echo "$passed passed, $failed failed"
((failed == 0))
