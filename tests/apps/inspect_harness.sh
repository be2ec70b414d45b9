# Shared by the cpm_inspect_*_test.sh scripts. A script sets `kind` (the
# cpm-inspect kind) and `data` (its golden folder, relative to the source
# root), then sources this file with its own arguments:
#
#   usage: SCRIPT CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
#
# and ends with `finish`. Checks print "ok - NAME" or "not ok - NAME: why".
set -u

if (($# < 2)); then
    echo "usage: $0 CPM_INSPECT SOURCE_DIR [--update]" >&2
    exit 2
fi
bin=$1
update=${3:-}
# File names appear in the output, so they are given relative to the root.
cd "$2" || exit 2

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1: $2"; }

# same NAME EXPECTED_FILE ACTUAL_FILE: exact comparison, diff shown on failure.
same() {
    if diff -u "$2" "$3" >"$scratch/diff"; then
        pass "$1"
    else
        fail "$1" "differs from $2"
        head -n 60 "$scratch/diff"
    fi
}

# golden NAME INPUT: exit 0, nothing on stderr, stdout equal to $data/NAME.json.
golden() {
    local name=$1 input=$2 status
    "$bin" "$kind" "$input" >"$scratch/out" 2>"$scratch/err"
    status=$?
    if [[ $update == --update ]]; then
        cp "$scratch/out" "$data/$name.json"
    fi
    if ((status != 0)) || [[ -s $scratch/err ]]; then
        fail "$name" "exit $status, stderr: $(head -c 300 "$scratch/err")"
        return
    fi
    same "$name" "$data/$name.json" "$scratch/out"
}

# rejected NAME EXPECTED_LINE COMMAND...: exit 1, no stdout, stderr is the
# one line given, in the "error: FILE:LINE:COL: sentence" shape.
rejected() {
    local name=$1 expected=$2 status
    shift 2
    "$@" >"$scratch/out" 2>"$scratch/err"
    status=$?
    local line
    line=$(cat "$scratch/err")
    if ((status != 1)); then
        fail "$name" "exit $status, expected 1"
    elif [[ -s $scratch/out ]]; then
        fail "$name" "unexpected output on stdout"
    elif ! [[ $line =~ ^error:\ [^:]+:[0-9]+:[0-9]+:\ [^[:space:]].*$ ]]; then
        fail "$name" "stderr is not 'error: FILE:LINE:COL: sentence': $line"
    elif [[ $line != "$expected" ]]; then
        fail "$name" "stderr '$line', expected '$expected'"
    else
        pass "$name"
    fi
}

# finish: the summary line; the exit status says whether every check passed.
finish() {
    echo "$passed passed, $failed failed"
    ((failed == 0))
}
