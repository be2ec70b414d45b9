#!/bin/bash
# SIPp against stack_ua on 127.0.0.1, both directions, for MESSAGE and
# INVITE/ACK/BYE, over UDP, over UDP with SIPp losing 10% of the packets it
# sends and receives (-lost 10: both sides' retransmissions at work), and
# over TCP. Each side handles 3 transactions or calls; every process is
# bounded in time. Usage: sipp_test.sh SIPP STACK_UA SCENARIOS
set -u
sipp=$1
ua=$2
scenarios=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=3
failures=0

# The flavour under test: stack_ua's transport and SIPp's options for it.
ua_transport=udp
sipp_transport=(-t u1)

free_port() {
    python3 -c 'import socket, sys
kind = socket.SOCK_STREAM if sys.argv[1] == "tcp" else socket.SOCK_DGRAM
s = socket.socket(socket.AF_INET, kind); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$ua_transport"
}

# check NAME SIPP_RC UA_RC
check() {
    if [ "$2" -eq 0 ] && [ "$3" -eq 0 ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1 (sipp exit $2, stack_ua exit $3)"
        cat "$work"/*_errors.log 2>/dev/null | tail -20
        failures=$((failures + 1))
    fi
}

# Our UAC against a SIPp UAS: SIPp listens first.
uac_case() { # NAME KIND SIPP-SCENARIO-ARGS...
    local name=$1 kind=$2
    shift 2
    local sp up
    sp=$(free_port)
    up=$(free_port)
    (cd "$work" && timeout 60 "$sipp" "$@" "${sipp_transport[@]}" -i 127.0.0.1 -p "$sp" -m "$count" -nostdin \
        -timeout 40s -trace_err >/dev/null 2>&1) &
    local sipp_pid=$!
    sleep 0.5
    timeout 45 "$ua" uac "$ua_transport" "$up" "$kind" "$sp" "$count"
    local ua_rc=$?
    wait "$sipp_pid"
    check "$name" $? "$ua_rc"
}

# A SIPp UAC against our UAS: our UA listens first.
uas_case() { # NAME SIPP-SCENARIO-ARGS...
    local name=$1
    shift
    local sp up
    sp=$(free_port)
    up=$(free_port)
    timeout 45 "$ua" uas "$ua_transport" "$up" "$count" &
    local ua_pid=$!
    sleep 0.5
    (cd "$work" && timeout 60 "$sipp" "$@" "127.0.0.1:$up" "${sipp_transport[@]}" -i 127.0.0.1 -p "$sp" \
        -m "$count" -nostdin -timeout 40s -trace_err >/dev/null 2>&1)
    local sipp_rc=$?
    wait "$ua_pid"
    check "$name" "$sipp_rc" $?
}

for flavour in udp udp-lossy tcp; do
    case $flavour in
        udp) ua_transport=udp sipp_transport=(-t u1) ;;
        udp-lossy) ua_transport=udp sipp_transport=(-t u1 -lost 10) ;;
        tcp) ua_transport=tcp sipp_transport=(-t t1) ;;
    esac
    uac_case "$flavour: stack UAC -> SIPp UAS: MESSAGE" message -sf "$scenarios/message_uas.xml"
    uac_case "$flavour: stack UAC -> SIPp UAS: INVITE/ACK/BYE" call -sn uas
    uas_case "$flavour: SIPp UAC -> stack UAS: MESSAGE" -sf "$scenarios/message_uac.xml"
    uas_case "$flavour: SIPp UAC -> stack UAS: INVITE/ACK/BYE" -sn uac -d 200
done

[ "$failures" -eq 0 ]
