# shellcheck shell=bash
# Sourced by the tests/server drivers: starts one cpm-server on 127.0.0.1,
# listening on UDP and TCP at the same free port, with a users file in a
# temporary directory, and stops it on exit.
#   start_server CPM_SERVER WORK [EXTRA FLAGS...]
#     sets server_pid, server_port, server_out (its stdout+stderr log)
#   server_alive: 0 while the process runs
#   stop_server: SIGTERM, then SIGKILL after 5 s; returns its exit status
# Users (domain example.com): alice/secret, bob/bobpw (display name Bob),
# carol/carolpw (known, never registered). alice and bob are stored as MD5
# HA1s, so the server's challenges to them offer MD5 only: SIPp 3.6 takes
# the first challenge of a response and knows no SHA-256 (RFC 8760), and a
# user with a plain password gets a SHA-256 challenge first.

server_pid=
server_port=
server_out=

free_dual_port() { python3 "$(dirname "${BASH_SOURCE[0]}")/../../scripts/free_port.py"; }

start_server() { # CPM_SERVER WORK [EXTRA FLAGS...]
    local binary=$1 work=$2
    shift 2
    ha1() { printf '%s' "$1:example.com:$2" | md5sum | cut -d' ' -f1; }
    cat >"$work/users" <<USERS
# tests/server users: <user> <secret> [display name]
alice md5:$(ha1 alice secret) Alice
bob md5:$(ha1 bob bobpw) Bob
carol plain:carolpw
USERS
    server_out=$work/server.log
    local attempt
    for attempt in 1 2 3; do
        server_port=$(free_dual_port)
        "$binary" --listen "udp:127.0.0.1:$server_port" --listen "tcp:127.0.0.1:$server_port" \
            --domain example.com --users "$work/users" "$@" >"$server_out" 2>&1 &
        server_pid=$!
        # Ready once both listeners are announced (or dead: port raced away).
        local _
        for _ in $(seq 200); do
            if [ "$(grep -c '^listening ' "$server_out")" -ge 2 ]; then
                return 0
            fi
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        stop_server >/dev/null 2>&1
        echo "cpm-server did not start (attempt $attempt):" >&2
        cat "$server_out" >&2
    done
    return 1
}

server_alive() {
    [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null
}

stop_server() {
    [ -n "$server_pid" ] || return 0
    local pid=$server_pid rc
    server_pid=
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid"
    rc=$?
    return $rc
}

# finish_server: fails (with the end of the server's log) when the server
# died during the test or does not exit 0 on SIGTERM; stops it otherwise.
finish_server() {
    if ! server_alive; then
        echo "FAIL: cpm-server died; its log ends with:"
        tail -n 30 "$server_out"
        return 1
    fi
    local rc=0
    stop_server || rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: cpm-server exited with $rc on SIGTERM; its log ends with:"
        tail -n 30 "$server_out"
        return 1
    fi
}
