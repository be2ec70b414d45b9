#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect cpim`: the JSON of the examples is
# compared byte for byte with golden files, and bad bodies must exit 1 with
# exactly one line "error: FILE:LINE:COL: sentence" on stderr.
#
# usage: cpm_inspect_cpim_test.sh CPM_INSPECT SOURCE_DIR [--update]
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

golden=tests/data/inspect/cpim
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1: $2"; }

# golden NAME INPUT: exit 0, nothing on stderr, stdout equal to NAME.json.
golden() {
    local name=$1 input=$2 status
    "$bin" cpim "$input" >"$scratch/out" 2>"$scratch/err"
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
for example in examples/cpim/*.cpim; do
    golden "example-$(basename "$example" .cpim)" "$example"
done

# --- errors ----------------------------------------------------------------
rejected bad-datetime "error: $golden/bad-datetime.cpim:2:19: CPIM DateTime: no such day in that month" \
    "$bin" cpim "$golden/bad-datetime.cpim"
# The parser keeps values raw; inspect decodes every escape, so a backslash
# that starts no RFC 3862 2.3 escape is reported where it stands.
rejected bad-escape "error: $golden/bad-escape.cpim:2:12: CPIM escape: '\\' must be followed by u and four hex digits, b, t, n, r, '\"', ''' or '\\'" \
    "$bin" cpim "$golden/bad-escape.cpim"
rejected bad-ns "error: $golden/bad-ns.cpim:2:10: CPIM NS: expected [prefix] <URI>" \
    "$bin" cpim "$golden/bad-ns.cpim"
# "Content-Type: text/plain" is a CPIM header too: the headers never end.
rejected no-blank-line "error: $golden/no-blank-line.cpim:3:1: CPIM: expected a blank line after the message headers" \
    "$bin" cpim "$golden/no-blank-line.cpim"
rejected bare-lf "error: $golden/bare-lf.cpim:1:25: CPIM header: line must end in CRLF" \
    "$bin" cpim "$golden/bare-lf.cpim"
rejected stdin-bad-ns "error: -:2:10: CPIM NS: expected [prefix] <URI>" \
    sh -c '"$0" cpim - <"$1"' "$bin" "$golden/bad-ns.cpim"

echo "$passed passed, $failed failed"
((failed == 0))
