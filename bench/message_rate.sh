#!/bin/bash
# MESSAGE-rate benchmark (issue 6 section 4): the highest rate of pager-mode
# MESSAGE transactions (RFC 3428) sustained for --duration seconds with no
# failed transaction, SIPp UAC -> proxy -> SIPp UAS on 127.0.0.1, through
# Kamailio (tm t_relay, tlsf shared memory, 2 UDP + 2 TCP workers) and
# through cpm-server (--workers 2, the SIPp peers trusted so that it forwards
# the foreign Request-URI unchallenged), over UDP and over TCP.
#
#   bench/message_rate.sh [--duration 20] [--transports udp,tcp]
#                         [--proxies kamailio,cpm-server] [--cpm-server PATH]
#                         [--cpm-server-args "ARGS"]
#                         [--probe 5] [--start 2000] [--max 120000]
#                         [--precision 5] [--tolerance 3] [--max-p99 500]
#                         [--pair-rate 10000]
#                         [--nice N] [--keep DIR]
#
# A trial at rate R runs ceil(R / pair-rate) SIPp pairs (UAC i -> proxy ->
# UAS i, each at R / pairs: one SIPp process saturates near 30,000/s, and
# both share the 2 cores with the proxy) against a freshly started proxy. It
# passes when every UAC exits 0, reports no failed call, completes every
# call, the achieved rate (successful calls over SIPp's elapsed time) is
# within --tolerance % of R, and the p99 response time is at most --max-p99
# ms (0: no bound). The default, 500 ms, is T1, the first UDP
# retransmission: a p99 above it means over 1% of the transactions were lost
# or queued that long somewhere, which is not a rate sustained (though no
# transaction failed). The search doubles the rate from --start with
# --probe-second trials until one fails, bisects down to --precision %, then
# confirms the best rate with --duration-second trials, stepping down by
# --precision % until one passes. Response times come from SIPp's
# -trace_rtt files (first transmission of the MESSAGE to its 200, the
# resolution of SIPp's clock: about 1-4 ms), merged over the pairs.
#
# Prints per proxy and transport
#   <proxy> <transport>: <rate> MESSAGE/s for <d> s, p50 <x> ms, p99 <y> ms, ...
# and per transport
#   ratio cpm-server/kamailio <transport> <x.xx> (...)
# and, when both were measured, one more trial of cpm-server at the rate
# issue 6 targets (2x Kamailio's on UDP, 1.5x on TCP) whose p99 is compared
# with Kamailio's at its own limit:
#   target <transport> <factor>x: met|not met (...): ...
# --cpm-server-args adds flags to cpm-server's command line (e.g.
# "--max-transactions 1000000": over UDP a server transaction lives 32 s
# after its final response, timer J, so the live transactions of a worker
# reach rate x 37 s). Every process is bounded in time (timeout) and killed
# on exit. --nice N
# renices the script (so every process it starts) and, where the kernel
# groups processes by session (sched_autogroup: nice only ranks processes of
# one session), its session's autogroup: on a machine shared with builds,
# e.g. --nice -15 as root keeps them from starving the proxy and SIPp.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
assets=$here/message_rate

duration=20
probe=5
transports=udp,tcp
proxies=kamailio,cpm-server
cpm_server=
cpm_server_args=
start_rate=2000
max_rate=120000
precision=5
tolerance=3
max_p99=500
pair_rate=10000
keep=
nice=0

usage() { sed -n '2,/^set -u$/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while (($#)); do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --probe) probe=$2; shift 2 ;;
        --transports) transports=$2; shift 2 ;;
        --proxies) proxies=$2; shift 2 ;;
        --cpm-server) cpm_server=$2; shift 2 ;;
        --cpm-server-args) cpm_server_args=$2; shift 2 ;;
        --start) start_rate=$2; shift 2 ;;
        --max) max_rate=$2; shift 2 ;;
        --precision) precision=$2; shift 2 ;;
        --tolerance) tolerance=$2; shift 2 ;;
        --max-p99) max_p99=$2; shift 2 ;;
        --pair-rate) pair_rate=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --nice) nice=$2; shift 2 ;;
        -h | --help) usage 0 ;;
        *) echo "message_rate: unknown argument $1" >&2; usage 2 >&2 ;;
    esac
done

for tool in sipp python3 timeout; do
    command -v "$tool" >/dev/null || { echo "message_rate: $tool not found" >&2; exit 2; }
done

if [ -n "$keep" ]; then
    mkdir -p "$keep" && work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d /tmp/message_rate.XXXXXX)
fi

# Every background process we start, killed (by pid) on exit.
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null
    done
    for p in "${pids[@]}"; do
        wait "$p" 2>/dev/null
    done
    pids=()
    [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 "$root/scripts/free_port.py"; }

# wait_listening PORT: until something listens on TCP and UDP PORT (10 s).
wait_listening() {
    local i
    for i in $(seq 100); do
        if ss -Hlnt "sport = :$1" | grep -q . && ss -Hlnu "sport = :$1" | grep -q .; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------- proxies
kamailio_bin=$(command -v kamailio || true)

find_cpm_server() {
    [ -n "$cpm_server" ] && { echo "$cpm_server"; return; }
    # Prefer an optimised build: release-like build dirs first, newest first.
    local candidates
    candidates=$(ls -t "$root"/build/*rel*/apps/cpm-server/cpm-server 2>/dev/null;
                 ls -t "$root"/build/*/apps/cpm-server/cpm-server 2>/dev/null)
    local c
    for c in $candidates; do
        [ -x "$c" ] && { echo "$c"; return; }
    done
}

# start_proxy NAME PORT DIR: starts the proxy in the background (pid in
# proxy_pid), listening on udp and tcp 127.0.0.1:PORT; 0 when it listens.
proxy_pid=
start_proxy() {
    local name=$1 port=$2 dir=$3
    local bound=$((probe > duration ? probe : duration))
    bound=$((bound * 3 + 60))
    case $name in
        kamailio)
            timeout "$bound" "$kamailio_bin" -f "$assets/kamailio_proxy.cfg" -DD -E -x tlsf -m 1024 -M 16 \
                -Y "$dir" -P "$dir/kamailio.pid" -w "$dir" \
                -l "udp:127.0.0.1:$port" -l "tcp:127.0.0.1:$port" >"$dir/proxy.log" 2>&1 &
            ;;
        cpm-server)
            timeout "$bound" "$cpm_server_bin" --listen "udp:127.0.0.1:$port" --listen "tcp:127.0.0.1:$port" \
                --domain example.com --users "$assets/users.txt" --trust 127.0.0.1 --workers 2 \
                --log-level error "${cpm_server_extra[@]}" >"$dir/proxy.log" 2>&1 &
            ;;
    esac
    proxy_pid=$!
    pids+=("$proxy_pid")
    wait_listening "$port"
}

stop_proxy() {
    kill "$proxy_pid" 2>/dev/null
    wait "$proxy_pid" 2>/dev/null
    local keep_pids=() p
    for p in "${pids[@]}"; do
        [ "$p" = "$proxy_pid" ] || keep_pids+=("$p")
    done
    pids=("${keep_pids[@]}")
}

# ---------------------------------------------------------------- one trial
# trial PROXY TRANSPORT RATE SECONDS: sets trial_out to
#   "<pass|fail> <achieved rate> <p50> <p99> <successful> <failed> <retransmissions> <reason>"
# (a variable, not stdout: a command substitution's subshell would hide the
# pids of what it starts from the cleanup trap).
trial_out=
trial_no=0
trial() {
    local proxy=$1 transport=$2 rate=$3 seconds=$4
    trial_no=$((trial_no + 1))
    local dir=$work/$proxy-$transport-$trial_no-$rate
    mkdir -p "$dir"
    # The UAS keeps each call 4 s after its 200 over UDP (timer E
    # retransmissions of the proxy get the 200 again); TCP does not retransmit.
    local t=u1 linger=4000
    [ "$transport" = tcp ] && t=t1 linger=0
    local pairs=$(((rate + pair_rate - 1) / pair_rate))
    local port
    port=$(free_port)
    if ! start_proxy "$proxy" "$port" "$dir"; then
        stop_proxy
        trial_out="fail 0 - - 0 0 0 proxy-did-not-start"
        return
    fi
    local i uas_pids=() uac_pids=() per total_i
    for ((i = 0; i < pairs; i++)); do
        # Spread the rate over the pairs; the first ones take the remainder.
        per=$((rate / pairs + (i < rate % pairs ? 1 : 0)))
        total_i=$((per * seconds))
        mkdir -p "$dir/uas$i" "$dir/uac$i"
        local uas_port uac_port
        uas_port=$(free_port)
        uac_port=$(free_port)
        (cd "$dir/uas$i" && exec timeout $((seconds * 2 + 40)) sipp -sf "$assets/message_uas.xml" \
            -i 127.0.0.1 -p "$uas_port" -t "$t" -d "$linger" -nostdin -nd -buff_size 1048576 \
            -max_recv_loops 100000 -trace_err >/dev/null 2>&1) &
        uas_pids+=($!)
        pids+=($!)
        echo "$uas_port $uac_port $per $total_i" >"$dir/pair$i"
    done
    sleep 0.5
    for ((i = 0; i < pairs; i++)); do
        local uas_port uac_port
        read -r uas_port uac_port per total_i <"$dir/pair$i"
        # At most 4 s of calls outstanding (within the open-file limit): a
        # proxy slower than that does not sustain the rate anyway.
        local limit=$((per * 4 + 100 > 19000 ? 19000 : per * 4 + 100))
        (cd "$dir/uac$i" && exec timeout $((seconds * 2 + 30)) sipp "127.0.0.1:$uas_port" \
            -sf "$assets/message_uac.xml" -s service -rsa "127.0.0.1:$port" \
            -i 127.0.0.1 -p "$uac_port" -t "$t" -r "$per" -rp 1000 -m "$total_i" -l "$limit" \
            -recv_timeout 10s -nostdin -nd -buff_size 1048576 -max_recv_loops 100000 -max_sched_loops 100000 \
            -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1000 -trace_err >sipp.out 2>&1) &
        uac_pids+=($!)
        pids+=($!)
    done
    local rcs=() p
    for p in "${uac_pids[@]}"; do
        wait "$p"
        rcs+=($?)
    done
    for p in "${uas_pids[@]}"; do
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    stop_proxy
    local ours=() q
    for p in "${pids[@]}"; do
        q=1
        for i in "${uac_pids[@]}" "${uas_pids[@]}"; do
            [ "$p" = "$i" ] && q=0
        done
        ((q)) && ours+=("$p")
    done
    pids=("${ours[@]}")
    trial_out=$(python3 - "$dir" "$pairs" "$rate" "$tolerance" "$max_p99" "${rcs[@]}" <<'EOF'
import csv, glob, math, os, sys
d, pairs, rate, tolerance = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
max_p99 = float(sys.argv[5])
rcs = [int(x) for x in sys.argv[6:]]
ok, fail, retrans, expected = 0, 0, 0, 0
start, end = None, None
reasons = []
for i in range(pairs):
    per, total = open(os.path.join(d, f"pair{i}")).read().split()[2:4]
    expected += int(total)
    path = os.path.join(d, f"uac{i}", "stat.csv")
    rows = list(csv.reader(open(path), delimiter=";")) if os.path.exists(path) else []
    if len(rows) < 2:
        reasons.append(f"uac{i}-no-statistics")
        continue
    head, last = rows[0], rows[-1]
    col = {name: k for k, name in enumerate(head)}
    ok += int(last[col["SuccessfulCall(C)"]])
    fail += int(last[col["FailedCall(C)"]])
    retrans += int(last[col["Retransmissions(C)"]])
    # StartTime and CurrentTime are "date<TAB>time<TAB>epoch".
    s = float(last[col["StartTime"]].split()[-1])
    e = float(last[col["CurrentTime"]].split()[-1])
    start = s if start is None else min(start, s)
    end = e if end is None else max(end, e)
rtts = []
for f in glob.glob(os.path.join(d, "uac*", "*_rtt.csv")):
    for line in open(f):
        parts = line.strip().split(";")
        if len(parts) >= 2:
            try:
                rtts.append(float(parts[1]))
            except ValueError:
                pass
rtts.sort()
def value(p):
    return rtts[min(len(rtts) - 1, max(0, math.ceil(p * len(rtts)) - 1))] if rtts else None
def pct(p):
    v = value(p)
    return "-" if v is None else f"{v:g}"
achieved = ok / (end - start) if start is not None and end > start else 0.0
if any(rcs):
    reasons.append("sipp-exit-" + ",".join(str(r) for r in rcs))
if fail:
    reasons.append(f"{fail}-failed")
if ok != expected:
    reasons.append(f"{ok}-of-{expected}-completed")
if achieved < rate * (1 - tolerance / 100):
    reasons.append(f"rate-{achieved:.0f}-below-target")
if max_p99 > 0 and (value(0.99) is None or value(0.99) > max_p99):
    reasons.append(f"p99-above-{max_p99:g}ms")
verdict = "fail" if reasons else "pass"
print(f"{verdict} {achieved:.0f} {pct(0.50)} {pct(0.99)} {ok} {fail} {retrans} {','.join(reasons) or 'ok'}")
EOF
)
}

# ---------------------------------------------------------------- search
# search PROXY TRANSPORT: prints progress lines, sets best_line to the
# confirmed full-duration trial ("<rate> <trial fields...>") or empty.
best_line=
search() {
    local proxy=$1 transport=$2
    local lo=0 hi=0 rate=$start_rate out
    best_line=
    # Grow geometrically from --start until a probe fails (or --max).
    while :; do
        trial "$proxy" "$transport" "$rate" "$probe"
        out=$trial_out
        echo "  probe $proxy $transport $rate/s ${probe}s: $out"
        if [ "${out%% *}" = pass ]; then
            lo=$rate
            ((rate >= max_rate)) && break
            rate=$((rate * 2 > max_rate ? max_rate : rate * 2))
        else
            hi=$rate
            ((lo > 0)) && break
            rate=$((rate / 2))
            ((rate < 50)) && { echo "  $proxy $transport: fails even at 50/s"; return; }
        fi
    done
    # Bisect between the last pass and the first failure.
    if ((hi > 0)); then
        while ((hi * 100 > lo * (100 + precision))); do
            rate=$(((lo + hi) / 2))
            trial "$proxy" "$transport" "$rate" "$probe"
        out=$trial_out
            echo "  probe $proxy $transport $rate/s ${probe}s: $out"
            if [ "${out%% *}" = pass ]; then lo=$rate; else hi=$rate; fi
        done
    fi
    # Confirm over the full duration, stepping down until a trial passes.
    rate=$lo
    local tries
    for tries in $(seq 10); do
        trial "$proxy" "$transport" "$rate" "$duration"
        out=$trial_out
        echo "  run   $proxy $transport $rate/s ${duration}s: $out"
        if [ "${out%% *}" = pass ]; then
            best_line="$rate $out"
            return
        fi
        rate=$((rate * (100 - precision) / 100))
    done
}

# ---------------------------------------------------------------- main
if [ "$nice" != 0 ]; then
    renice -n "$nice" -p $$ >/dev/null || { echo "message_rate: renice $nice failed" >&2; exit 2; }
    if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ]; then
        echo "$nice" 2>/dev/null >/proc/$$/autogroup ||
            { echo "message_rate: cannot set the autogroup nice to $nice" >&2; exit 2; }
    fi
fi
echo "message_rate: $(uptime | sed 's/^ *//')"
echo "message_rate: $(nproc) cores; duration ${duration}s, probes ${probe}s, transports $transports, max p99 ${max_p99} ms, nice $nice; work dir $work"
cpm_server_bin=$(find_cpm_server)
read -r -a cpm_server_extra <<<"$cpm_server_args"
declare -A result

IFS=, read -r -a proxy_list <<<"$proxies"
IFS=, read -r -a transport_list <<<"$transports"

for proxy in "${proxy_list[@]}"; do
    case $proxy in
        kamailio)
            if [ -z "$kamailio_bin" ]; then
                echo "kamailio: skipped (kamailio not installed: apt-get install kamailio)"
                continue
            fi
            echo "kamailio: $("$kamailio_bin" -v | head -1), tm t_relay, -x tlsf, children=2 tcp_children=2"
            ;;
        cpm-server)
            if [ -z "$cpm_server_bin" ] || [ ! -x "$cpm_server_bin" ]; then
                echo "cpm-server: skipped (no cpm-server binary: build target cpm-server, e.g. in build/rel, or pass --cpm-server PATH)"
                continue
            fi
            build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$(dirname "$cpm_server_bin")/../../CMakeCache.txt" 2>/dev/null)
            echo "cpm-server: $cpm_server_bin (${build_type:-unknown} build), --workers 2, --trust 127.0.0.1 $cpm_server_args"
            [ "$build_type" = Release ] || [ "$build_type" = RelWithDebInfo ] ||
                echo "cpm-server: warning: not an optimised build; figures will understate it"
            # A private copy: a rebuild of the build dir during the run does
            # not swap the binary between trials.
            cp "$cpm_server_bin" "$work/cpm-server" || exit 2
            cpm_server_bin=$work/cpm-server
            ;;
        *) echo "message_rate: unknown proxy $proxy" >&2; exit 2 ;;
    esac
    for transport in "${transport_list[@]}"; do
        search "$proxy" "$transport"
        if [ -n "$best_line" ]; then
            read -r rate verdict achieved p50 p99 ok fail retrans reason <<<"$best_line"
            result[$proxy/$transport]="$rate $p99"
            echo "$proxy $transport: $rate MESSAGE/s for ${duration} s (achieved $achieved/s), p50 $p50 ms, p99 $p99 ms, $ok transactions, $fail failed, $retrans retransmissions"
        else
            echo "$proxy $transport: no rate sustained for ${duration} s"
        fi
    done
done

for transport in "${transport_list[@]}"; do
    k=${result[kamailio/$transport]:-}
    c=${result[cpm-server/$transport]:-}
    if [ -n "$k" ] && [ -n "$c" ]; then
        read -r kr kp <<<"$k"
        read -r cr cp <<<"$c"
        echo "ratio cpm-server/kamailio $transport $(python3 -c "print(f'{$cr / $kr:.2f}')") (cpm-server $cr/s p99 $cp ms, kamailio $kr/s p99 $kp ms)"
        # Issue 6's targets, "2x on UDP, 1.5x on TCP, p99 no worse": the
        # latency compared at the rate the target names, not at each
        # proxy's own limit.
        factor=$([ "$transport" = udp ] && echo 2.0 || echo 1.5)
        target_rate=$(python3 -c "print(int($kr * $factor))")
        if ((target_rate > cr)); then
            echo "target $transport ${factor}x: not met (cpm-server sustains $cr/s < $target_rate/s)"
        else
            trial cpm-server "$transport" "$target_rate" "$duration"
            read -r verdict achieved p50 p99 ok fail retrans reason <<<"$trial_out"
            met="not met ($reason)"
            if [ "$verdict" = pass ] && [[ $p99 =~ ^[0-9.]+$ ]]; then
                met=$(python3 -c "print('met' if $p99 <= $kp else 'not met (p99)')")
            fi
            echo "target $transport ${factor}x: $met: cpm-server at $target_rate/s for ${duration} s p99 $p99 ms ($verdict), kamailio at $kr/s p99 $kp ms"
        fi
    else
        echo "ratio cpm-server/kamailio $transport n/a (cpm-server ${c:-not measured}, kamailio ${k:-not measured})"
    fi
done
echo "message_rate: $(uptime | sed 's/^ *//')"
