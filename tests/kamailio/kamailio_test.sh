#!/bin/bash
# Kamailio (Debian kamailio 5.6) as the SIP/IP core of example.com instead of
# ours: registrar + usrloc + lookup + t_relay, Digest with auth + auth_db on
# db_text (kamailio_registrar.cfg, users alice/bob/carol, password "secret",
# in db/subscriber). Over UDP and over TCP, on 127.0.0.1, a fresh Kamailio
# per case:
#  - SIPp (the Kamailio side known good): alice registers (401, then 200
#    with a pub-gruu) a contact that a SIPp UAS serves; bob's MESSAGE to alice
#    is challenged (407), then delivered to that UAS (200); bob's MESSAGE to
#    carol, who has not registered, gets 404.
#  - cpm-client, when given: `listen --count 1` as alice, `send` as bob to
#    sip:alice@example.com; alice prints bob's text and exits 0.
# Every process is bounded in time; all are killed on exit.
# Usage: kamailio_test.sh KAMAILIO SIPP [CPM_CLIENT]   (SIPP may be "-": skip)
set -u
kamailio=$1
sipp=$2
client=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
scenarios=$here/scenarios
work=$(mktemp -d /tmp/kamailio_test.XXXXXX)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
failures=0
cases=0

free_port() { python3 "$here/../../scripts/free_port.py"; }

# start_kamailio DIR: a fresh Kamailio on udp+tcp 127.0.0.1:$port with its own
# copy of the db_text tables; waits until it listens (10 s).
start_kamailio() {
    local dir=$1
    mkdir -p "$dir/db"
    cp "$here"/db/* "$dir/db/"
    port=$(free_port)
    timeout 120 "$kamailio" -f "$here/kamailio_registrar.cfg" -DD -E -m 64 -M 8 -Y "$dir" -P "$dir/kamailio.pid" \
        -w "$dir" -A "DBURL=\"text://$dir/db\"" \
        -l "udp:127.0.0.1:$port" -l "tcp:127.0.0.1:$port" >"$dir/kamailio.log" 2>&1 &
    kamailio_pid=$!
    pids+=("$kamailio_pid")
    local i
    for i in $(seq 100); do
        if ss -Hlnt "sport = :$port" | grep -q . && ss -Hlnu "sport = :$port" | grep -q . &&
            grep -q 'Aliases' "$dir/kamailio.log"; then
            sleep 0.3 # the workers fork after the listeners bind
            return 0
        fi
        kill -0 "$kamailio_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "kamailio did not start:"
    tail -20 "$dir/kamailio.log"
    return 1
}

stop_kamailio() {
    kill "$kamailio_pid" 2>/dev/null
    wait "$kamailio_pid" 2>/dev/null
}

# check NAME OK [DIR]: OK 0 is a pass; otherwise shows the logs of DIR.
check() {
    cases=$((cases + 1))
    if [ "$2" -eq 0 ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1"
        failures=$((failures + 1))
        if [ -n "${3:-}" ]; then
            local f
            for f in "$3"/*.log "$3"/*.out; do
                [ -s "$f" ] || continue
                echo "--- $(basename "$f")"
                tail -25 "$f"
            done
        fi
    fi
}

# sipp_run DIR NAME ARGS...: one SIPp call to Kamailio, bounded; its exit code.
sipp_run() {
    local dir=$1 name=$2
    shift 2
    (cd "$dir" && timeout 30 "$sipp" "127.0.0.1:$port" "$@" -i 127.0.0.1 -p "$(free_port)" -m 1 \
        -nostdin -timeout 20s -recv_timeout 10s -trace_err -trace_msg >"$name.out" 2>&1)
}

sipp_case() { # TRANSPORT
    local transport=$1 t=u1
    [ "$transport" = tcp ] && t=t1
    local dir=$work/sipp-$transport
    mkdir -p "$dir"
    start_kamailio "$dir" || { check "$transport: SIPp: Kamailio starts" 1 "$dir"; return; }
    local uas_port
    uas_port=$(free_port)
    (cd "$dir" && timeout 40 "$sipp" -sf "$scenarios/message_uas.xml" -s alice -i 127.0.0.1 -p "$uas_port" -t "$t" \
        -m 1 -nostdin -timeout 30s -trace_err -trace_msg >uas.out 2>&1) &
    local uas=$!
    pids+=("$uas")
    sleep 0.3
    sipp_run "$dir" register -sf "$scenarios/register.xml" -t "$t" -s alice -au alice -ap secret \
        -key contact_port "$uas_port"
    check "$transport: SIPp alice REGISTER through Kamailio: 401, then 200 with pub-gruu" $? "$dir"
    sipp_run "$dir" message -sf "$scenarios/message.xml" -t "$t" -s bob -au bob -ap secret -key to alice -set final 200
    check "$transport: SIPp bob MESSAGE to alice: 407, then 200 from alice's registered contact" $? "$dir"
    wait "$uas"
    check "$transport: SIPp alice's contact received the MESSAGE (Request-URI = contact, text)" $? "$dir"
    sipp_run "$dir" unregistered -sf "$scenarios/message.xml" -t "$t" -s bob -au bob -ap secret -key to carol \
        -set final 404
    check "$transport: SIPp bob MESSAGE to carol (not registered): 407, then 404" $? "$dir"
    stop_kamailio
}

client_case() { # TRANSPORT
    local transport=$1
    local dir=$work/client-$transport
    mkdir -p "$dir"
    start_kamailio "$dir" || { check "$transport: cpm-client: Kamailio starts" 1 "$dir"; return; }
    local common=(--server "$transport:127.0.0.1:$port" --domain example.com --local "$transport:127.0.0.1:0"
        --password secret)
    timeout 60 "$client" listen "${common[@]}" --user alice --count 1 --timeout 45 >"$dir/alice.out" 2>&1 &
    local alice=$!
    pids+=("$alice")
    # Wait until Kamailio has saved alice's binding (its log line), then send.
    local i registered=1
    for i in $(seq 150); do
        grep -q 'registered sip:alice@example.com' "$dir/kamailio.log" && { registered=0; break; }
        kill -0 "$alice" 2>/dev/null || break
        sleep 0.1
    done
    check "$transport: cpm-client alice registers through Kamailio (Digest)" "$registered" "$dir"
    local text="hello alice over $transport via kamailio"
    timeout 30 "$client" send "${common[@]}" --user bob --to sip:alice@example.com --text "$text" \
        >"$dir/bob.out" 2>&1
    local bob=$?
    grep -q '^sent 200' "$dir/bob.out"
    local sent=$?
    check "$transport: cpm-client bob sends a MESSAGE to alice: 'sent 200', exit 0" $((bob || sent)) "$dir"
    wait "$alice"
    local alice_rc=$?
    grep -qF "message from sip:bob@example.com: $text" "$dir/alice.out"
    check "$transport: cpm-client alice prints bob's message and exits 0" $((alice_rc || $?)) "$dir"
    stop_kamailio
}

for transport in udp tcp; do
    if [ "$sipp" != - ]; then
        sipp_case "$transport"
    fi
    if [ -n "$client" ]; then
        client_case "$transport"
    fi
done

echo "$((cases - failures))/$cases passed"
[ "$failures" -eq 0 ]
