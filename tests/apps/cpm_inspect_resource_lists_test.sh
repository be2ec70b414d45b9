#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect resource-lists`: the JSON of the
# examples is compared byte for byte with golden files, and bad documents
# must exit 1 with exactly one line "error: FILE:LINE:COL: sentence".
#
# usage: cpm_inspect_resource_lists_test.sh CPM_INSPECT SOURCE_DIR [--update]
set -u

if (($# < 2)); then
    echo "usage: $0 CPM_INSPECT SOURCE_DIR [--update]" >&2
    exit 2
fi
bin=$1
update=${3:-}
cd "$2" || exit 2

golden=tests/data/inspect/resource-lists
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1: $2"; }

for example in examples/resource-lists/*.xml; do
    name=example-$(basename "$example" .xml)
    "$bin" resource-lists "$example" >"$scratch/out" 2>"$scratch/err"
    status=$?
    [[ $update == --update ]] && cp "$scratch/out" "$golden/$name.json"
    if ((status != 0)) || [[ -s $scratch/err ]]; then
        fail "$name" "exit $status, stderr: $(head -c 300 "$scratch/err")"
    elif diff -u "$golden/$name.json" "$scratch/out" >"$scratch/diff"; then
        pass "$name"
    else
        fail "$name" "differs from $golden/$name.json"
        head -n 60 "$scratch/diff"
    fi
done

# rejected NAME FILE EXPECTED_LINE: exit 1, no stdout, stderr is the line.
rejected() {
    local name=$1 file=$2 expected=$3 status line
    "$bin" resource-lists "$file" >"$scratch/out" 2>"$scratch/err"
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

rejected bad-copy-control "$golden/bad-copy-control.xml" \
    "error: $golden/bad-copy-control.xml:5:36: resource-lists: copyControl must be to, cc or bcc (RFC 5364)"
rejected missing-uri "$golden/missing-uri.xml" \
    "error: $golden/missing-uri.xml:4:5: resource-lists: <entry> needs a uri attribute"
# The XML reader's own refusals come through unchanged (no DTD, so no XXE).
"$bin" resource-lists "$golden/doctype.xml" >"$scratch/out" 2>"$scratch/err"
status=$?
if ((status == 1)) && [[ ! -s $scratch/out ]] && grep -q "^error: $golden/doctype.xml:2:" "$scratch/err"; then
    pass doctype
else
    fail doctype "exit $status, stderr: $(cat "$scratch/err")"
fi

echo "$passed passed, $failed failed"
((failed == 0))
