#!/bin/bash
# SIPp against stack_ua on 127.0.0.1, both directions, over UDP, over UDP
# with SIPp losing 10% of the packets it sends and receives (-lost 10: both
# sides' retransmissions at work), and over TCP. Groups of cases:
#   basic   MESSAGE and INVITE/ACK/BYE; a MESSAGE of 2,000 bytes from our
#           UAC (RFC 3261 18.1.1: over TCP; SIPp listens on UDP only in the
#           UDP flavours, so the refused connection sends it over UDP)
#   cancel  INVITE cancelled after the 180 (RFC 3261 9): 200 to the CANCEL,
#           487 to the INVITE and its ACK
#   digest  401 for MESSAGE and 407 for INVITE (RFC 3261 22), each side
#           computing and verifying the other's credentials (MD5: SIPp 3.6
#           has no SHA-256); and a 401 offering MD5 and SHA-256 that our
#           UAC must answer with SHA-256, checked by digest_check.py; and
#           (UDP only) a wrong password on either side, which must be refused
# Each side handles 3 transactions or calls per case (1 in the negative
# ones); every process is bounded in time. The three transport flavours run
# in parallel, each on its own free ports, their cases one after the other.
# All SIPp scenarios are ours (scenarios/), none of SIPp's built-in ones:
# under -lost these must match responses by transaction (start_txn,
# response_txn, ack_txn) and must not lose the first of two responses sent
# in a row (SIPp 3.6 then takes a retransmitted request for unexpected).
# Usage: sipp_test.sh SIPP STACK_UA SCENARIOS [basic|cancel|digest|all]...
# (PYTHON: the Python 3 interpreter, python3 by default; KEEP=1 keeps the
# work directory with SIPp's logs and stack_ua's complaints.)
set -u
# The interpreter itself rather than a wrapper (a pyenv shim takes seconds
# to start under load).
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
sipp=$1
ua=$2
scenarios=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
shift 3
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(all)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
count=3
user=alice:secret # the credentials in the digest scenarios

wanted() { # GROUP
    local g
    for g in "${groups[@]}"; do
        [ "$g" = all ] || [ "$g" = "$1" ] && return 0
    done
    return 1
}

# The flavour under test: stack_ua's transport and SIPp's options for it.
ua_transport=udp
sipp_transport=(-t u1)

# Free ports of the flavour's kind, drawn at once (the kernel gives distinct
# ones while all are bound; one Python start per flavour, slow under load).
ports=()
draw_ports() {
    read -r -a ports < <("$python" -c 'import socket, sys
kind = socket.SOCK_STREAM if sys.argv[1] == "tcp" else socket.SOCK_DGRAM
held = [socket.socket(socket.AF_INET, kind) for _ in range(int(sys.argv[2]))]
for s in held: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))' "$ua_transport" 40)
}
free_port() { # VARIABLE: the next drawn port
    printf -v "$1" '%s' "${ports[0]}"
    ports=("${ports[@]:1}")
}

# Waits until something listens on PORT of the flavour's kind (SIPp or
# stack_ua starting, slowly under load: a TCP peer must not connect before),
# at most 10 s.
wait_listening() { # PORT
    local i kind=-lun
    [ "$ua_transport" = tcp ] && kind=-ltn
    for ((i = 0; i < 100; i++)); do
        [ -n "$(ss -H "$kind" "sport = :$1")" ] && return 0
        sleep 0.1
    done
    return 1
}

# check NAME DIR SECONDS SIPP_RC UA_RC [DIGEST_CHECK_RC]: one line per case;
# on failure the SIPp error log and stack_ua's (and digest_check's) complaints.
# With expect=reject, the case passes when stack_ua exits 1 (it saw the
# credentials rejected, or rejected them itself), whatever SIPp says.
expect=
check() {
    local ok=false
    if [ "$expect" = reject ]; then
        [ "$5" -eq 1 ] && ok=true
    elif [ "$4" -eq 0 ] && [ "$5" -eq 0 ] && [ "${6:-0}" -eq 0 ]; then
        ok=true
    fi
    if $ok; then
        echo "ok: $1 (${3}s)"
    else
        echo "FAIL: $1 (sipp exit $4, stack_ua exit $5, digest_check exit ${6:-0}, ${3}s)"
        tail -n 20 "$2"/*_errors.log "$2"/ua.err 2>/dev/null
        touch "$work/failed"
    fi
}

# Our UAC against a SIPp UAS: SIPp listens first. With verify=HEADER set,
# the credentials SIPp received in HEADER are checked from its message trace
# (with verify_algorithm=NAME: and must use that algorithm).
verify=
verify_algorithm=
uac_case() { # NAME KIND UA-OPTIONS SIPP-SCENARIO-ARGS...
    local name=$1 kind=$2 options=$3
    shift 3
    local dir sp up start=$SECONDS
    dir=$(mktemp -d "$work/case.XXXX")
    free_port sp
    free_port up
    local trace=()
    [ -n "$verify" ] && trace=(-trace_msg)
    (cd "$dir" && timeout 60 "$sipp" "$@" "${sipp_transport[@]}" -i 127.0.0.1 -p "$sp" -m "$count" -nostdin \
        -timeout 40s -trace_err "${trace[@]}" >/dev/null 2>&1) &
    local sipp_pid=$!
    wait_listening "$sp"
    # shellcheck disable=SC2086 # options: zero or more words
    timeout 60 "$ua" uac "$ua_transport" "$up" "$kind" "$sp" "$count" $options 2>"$dir/ua.err" &
    local ua_pid=$!
    wait "$sipp_pid"
    local sipp_rc=$? check_rc=0
    # SIPp is done: stack_ua may stop waiting for it (timeout passes SIGTERM on).
    kill -TERM "$ua_pid" 2>/dev/null
    wait "$ua_pid"
    local ua_rc=$?
    if [ -n "$verify" ]; then
        "$python" "$here/digest_check.py" "$dir"/*_messages.log "${user%%:*}" "${user#*:}" "$verify" "$count" \
            $verify_algorithm >>"$dir/ua.err" 2>&1
        check_rc=$?
    fi
    check "$name" "$dir" $((SECONDS - start)) "$sipp_rc" "$ua_rc" "$check_rc"
}

# A SIPp UAC against our UAS: our UA listens first.
uas_case() { # NAME UA-OPTIONS SIPP-SCENARIO-ARGS...
    local name=$1 options=$2
    shift 2
    local dir sp up start=$SECONDS
    dir=$(mktemp -d "$work/case.XXXX")
    free_port sp
    free_port up
    # shellcheck disable=SC2086
    timeout 60 "$ua" uas "$ua_transport" "$up" "$count" $options 2>"$dir/ua.err" &
    local ua_pid=$!
    wait_listening "$up"
    (cd "$dir" && timeout 60 "$sipp" "$@" "127.0.0.1:$up" "${sipp_transport[@]}" -i 127.0.0.1 -p "$sp" \
        -m "$count" -nostdin -timeout 40s -trace_err >/dev/null 2>&1)
    local sipp_rc=$?
    kill -TERM "$ua_pid" 2>/dev/null
    wait "$ua_pid"
    check "$name" "$dir" $((SECONDS - start)) "$sipp_rc" $?
}

flavour() { # udp | udp-lossy | tcp
    local f=$1
    case $f in
        udp) ua_transport=udp sipp_transport=(-t u1) ;;
        udp-lossy) ua_transport=udp sipp_transport=(-t u1 -lost 10) ;;
        tcp) ua_transport=tcp sipp_transport=(-t t1) ;;
    esac
    draw_ports
    if wanted basic; then
        uac_case "$f: stack UAC -> SIPp UAS: MESSAGE" message "" -sf "$scenarios/message_uas.xml"
        uac_case "$f: stack UAC -> SIPp UAS: MESSAGE of 2,000 bytes" large "" -sf "$scenarios/message_uas.xml"
        uac_case "$f: stack UAC -> SIPp UAS: INVITE/ACK/BYE" call "" -sf "$scenarios/call_uas.xml"
        uas_case "$f: SIPp UAC -> stack UAS: MESSAGE" "" -sf "$scenarios/message_uac.xml"
        uas_case "$f: SIPp UAC -> stack UAS: INVITE/ACK/BYE" "" -sf "$scenarios/call_uac.xml"
    fi
    if wanted cancel; then
        uac_case "$f: stack UAC -> SIPp UAS: INVITE/180/CANCEL/487/ACK" cancel "" -sf "$scenarios/cancel_uas.xml"
        uas_case "$f: SIPp UAC -> stack UAS: INVITE/180/CANCEL/487/ACK" ring -sf "$scenarios/cancel_uac.xml"
    fi
    if wanted digest; then
        uac_case "$f: stack UAC -> SIPp UAS: MESSAGE/401/MESSAGE" message "auth $user" \
            -sf "$scenarios/digest_uas_message.xml"
        verify=Proxy-Authorization uac_case "$f: stack UAC -> SIPp UAS: INVITE/407/ACK/INVITE/ACK/BYE" call "auth $user" \
            -sf "$scenarios/digest_uas_invite.xml"
        verify=Authorization verify_algorithm=SHA-256 uac_case \
            "$f: stack UAC -> SIPp UAS: MESSAGE/401 (MD5, SHA-256)/MESSAGE (SHA-256)" message "auth $user" \
            -sf "$scenarios/digest_uas_message_sha256.xml"
        uas_case "$f: SIPp UAC -> stack UAS: MESSAGE/401/MESSAGE" "challenge $user" \
            -sf "$scenarios/digest_uac_message.xml"
        uas_case "$f: SIPp UAC -> stack UAS: INVITE/407/ACK/INVITE/ACK/BYE" "challenge $user" \
            -sf "$scenarios/digest_uac_invite.xml"
        if [ "$f" = udp ]; then
            # The checks can fail: a wrong password on either side is refused.
            count=1 expect=reject uac_case "$f: stack UAC with a wrong password -> SIPp UAS: MESSAGE/401/MESSAGE/403" \
                message "auth ${user%%:*}:wrong" -sf "$scenarios/digest_uas_message.xml"
            count=1 expect=reject uas_case "$f: SIPp UAC -> stack UAS knowing another password: MESSAGE/401/MESSAGE/401" \
                "challenge ${user%%:*}:other" -sf "$scenarios/digest_uac_message.xml"
        fi
    fi
}

for f in udp udp-lossy tcp; do
    flavour "$f" >"$work/$f.log" 2>&1 &
done
wait
cat "$work/udp.log" "$work/udp-lossy.log" "$work/tcp.log"
[ ! -e "$work/failed" ]
