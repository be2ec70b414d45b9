#!/bin/bash
# cpm-client, the real binary, against SIPp UAS scenarios of its own
# (cpm_client_scenarios/) on 127.0.0.1, over UDP and over TCP:
#   register  `cpm-client register`: REGISTER with the CPM parts, 401, the
#             Digest answer, 200 with pub-gruu and temp-gruu (printed)
#   send      `cpm-client send`: MESSAGE with the CPM headers, 407, the
#             Digest answer, 200 ("sent 200", exit 0)
#   listen    `cpm-client listen --count 1`: registration, a MESSAGE from
#             SIPp printed as "message from <uri>: <text>", de-registration
#   interactive  the same exchange with commands on stdin (help, status,
#             quit once the message is shown)
#   signal    `cpm-client listen` without --count, SIGTERM once the message
#             is shown: de-registration, exit 0
# plus the command-line errors (exit 2, a sentence on stderr). Every
# process is bounded by `timeout 30`.
# Usage: cpm_client_sipp_test.sh SIPP CPM_CLIENT SCENARIOS
set -u
sipp=$1
client=$2
scenarios=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
failed=0

fail() { # MESSAGE [DIR]
    echo "FAIL: $1"
    [ -n "${2:-}" ] && tail -n 20 "$2"/*_errors.log "$2"/client.err "$2"/client.out "$2"/sipp.out 2>/dev/null
    failed=1
}

free_port() { # KIND: a port nothing of that kind is bound to (no Python: it starts slowly under load)
    local flag=-Hlun port
    [ "$1" = tcp ] && flag=-Hltn
    while :; do
        port=$((20000 + RANDOM % 40000))
        ss "$flag" "sport = :$port" 2>/dev/null | grep -q . || break
    done
    echo "$port"
}

# run_case NAME TRANSPORT SCENARIO EXPECTED_RC CLIENT-ARGS...: SIPp listens,
# the client runs against it; both exit codes are checked, and the client's
# stdout is left in $dir/client.out for the caller's checks.
dir=
interactive=
signal=
# The commands of the interactive case: quit once the message is shown.
commands() { # DIR
    printf 'help\nstatus\n'
    local i
    for i in $(seq 200); do
        grep -q '^message from' "$1/client.out" 2>/dev/null && break
        sleep 0.1
    done
    printf 'quit\n'
}
run_case() {
    local name=$1 transport=$2 scenario=$3 expected=$4
    shift 4
    dir="$work/$name-$transport"
    mkdir -p "$dir"
    local port flag
    port=$(free_port "$transport")
    [ "$transport" = tcp ] && flag=t1 || flag=u1
    (cd "$dir" && timeout 30 "$sipp" -sf "$scenarios/$scenario" -i 127.0.0.1 -p "$port" -m 1 -t "$flag" \
        -nostdin -timeout 25s -trace_err -trace_msg >sipp.out 2>&1)&
    local sipp_pid=$!
    # SIPp binds within a few hundred milliseconds.
    local i
    for i in $(seq 50); do
        if [ "$transport" = tcp ]; then
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        else
            ss -Hlun "sport = :$port" 2>/dev/null | grep -q . && break
        fi
        sleep 0.1
    done
    local start=$SECONDS
    if [ -n "$signal" ]; then
        timeout 30 "$client" "$@" --server "$transport:127.0.0.1:$port" --domain example.com --user alice \
            --password secret >"$dir/client.out" 2>"$dir/client.err" </dev/null &
        local client_pid=$!
        for i in $(seq 200); do
            grep -q '^message from' "$dir/client.out" 2>/dev/null && break
            sleep 0.1
        done
        kill -TERM "$client_pid"
        wait "$client_pid"
    elif [ -n "$interactive" ]; then
        timeout 30 "$client" "$@" --server "$transport:127.0.0.1:$port" --domain example.com --user alice \
            --password secret >"$dir/client.out" 2>"$dir/client.err" < <(commands "$dir")
    else
        timeout 30 "$client" "$@" --server "$transport:127.0.0.1:$port" --domain example.com --user alice \
            --password secret >"$dir/client.out" 2>"$dir/client.err" </dev/null
    fi
    local client_rc=$?
    wait "$sipp_pid"
    local sipp_rc=$?
    if [ "$client_rc" -ne "$expected" ] || [ "$sipp_rc" -ne 0 ]; then
        fail "$name over $transport (cpm-client exit $client_rc, expected $expected; sipp exit $sipp_rc)" "$dir"
        return 1
    fi
    echo "ok: $name over $transport ($((SECONDS - start))s)"
}

expect_line() { # PATTERN (grep -E on the whole line) NAME
    grep -Eqx "$1" "$dir/client.out" || fail "$2: no line matching '$1' in the output" "$dir"
}

for transport in udp tcp; do
    if run_case register "$transport" register_uas.xml 0 register; then
        expect_line 'registered 200 expires 600' "register over $transport"
        expect_line 'pub-gruu sip:alice@example.com;gr=urn:uuid:sipp' "register over $transport"
        expect_line 'temp-gruu sip:tgruu\.[0-9]+@example\.com;gr' "register over $transport"
    fi
    if run_case send "$transport" message_uas.xml 0 send --to sip:bob@example.com --text "hello from cpm-client"; then
        expect_line 'sent 200' "send over $transport"
        # The Proxy-Authorization SIPp got, recomputed from its trace.
        python3 "$here/../interop/digest_check.py" "$dir"/*_messages.log alice secret Proxy-Authorization 1 ||
            fail "send over $transport: the Proxy-Authorization does not verify" "$dir"
    fi
    if run_case listen "$transport" listen_uas.xml 0 listen --count 1 --timeout 20; then
        expect_line 'registered 200 expires 600' "listen over $transport"
        expect_line 'message from sip:bob@example.com: hello alice from sipp' "listen over $transport"
    fi
    interactive=1
    if run_case interactive "$transport" listen_uas.xml 0; then
        expect_line 'registered 200 expires 600' "interactive over $transport"
        expect_line 'registration registered expires 600' "interactive over $transport"
        expect_line 'message from sip:bob@example.com: hello alice from sipp' "interactive over $transport"
    fi
    interactive=
    signal=1
    if run_case signal "$transport" listen_uas.xml 0 listen; then
        expect_line 'message from sip:bob@example.com: hello alice from sipp' "signal over $transport"
    fi
    signal=
done

# The command line: a bad one exits 2 with a sentence naming the problem.
dir="$work/usage"
mkdir -p "$dir"
check_usage() { # EXPECTED-SENTENCE ARGS...
    local sentence=$1
    shift
    timeout 30 "$client" "$@" >"$dir/client.out" 2>"$dir/client.err"
    local rc=$?
    if [ "$rc" -ne 2 ] || ! grep -Fqx "cpm-client: $sentence" "$dir/client.err"; then
        fail "usage '$*': exit $rc, stderr: $(head -n 1 "$dir/client.err")"
    else
        echo "ok: usage '$sentence'"
    fi
}
check_usage "--server is required" send --domain example.com --user alice --to sip:bob@example.com --text hi
check_usage "send needs --to and --text" send --server udp:127.0.0.1:5060 --domain example.com --user alice
check_usage "unknown subcommand 'chat' (register, send or listen)" chat
check_usage "--server: tls is not supported by cpm-client yet (udp or tcp)" register --server tls:127.0.0.1:5061 \
    --domain example.com --user alice
check_usage "--count: must be a whole number" listen --server udp:127.0.0.1:5060 --domain example.com --user alice \
    --count many

# Pager mode stops at 1300 bytes (draft 5.1): an error, exit 1, nothing sent.
big=$(head -c 1301 /dev/zero | tr '\0' x)
timeout 30 "$client" send --server udp:127.0.0.1:9 --domain example.com --user alice --password secret \
    --to sip:bob@example.com --text "$big" >"$dir/client.out" 2>"$dir/client.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "1300 bytes" "$dir/client.err"; then
    echo "ok: 1301 bytes refused"
else
    fail "1301 bytes: exit $rc, stderr: $(head -n 1 "$dir/client.err")"
fi

exit "$failed"
