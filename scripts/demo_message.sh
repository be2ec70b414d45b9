#!/usr/bin/env bash
# The message demo of the README's main command (scripts/demo.sh), on
# binaries already built: cpm-server on loopback with two demo users, bob
# listening with cpm-client, alice registering and sending him a MESSAGE,
# everything shut down at the end. Exits 0 when bob printed the message.
#   scripts/demo_message.sh BUILD_DIR/apps
set -euo pipefail

bin="${1:?usage: demo_message.sh BUILD_DIR/apps}"
server=$bin/cpm-server/cpm-server
client=$bin/cpm-client/cpm-client
for b in "$server" "$client"; do
    [[ -x "$b" ]] || { echo "demo: $b was not built" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=""
listener_pid=""
cleanup() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null || true
    [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/users" <<'USERS'
# user  secret            display name
alice   plain:alice-pass  Alice Liddell
bob     plain:bob-pass    Bob Dylan
USERS

echo "demo: starting cpm-server for example.com on 127.0.0.1 (UDP, port chosen by the system)"
"$server" --listen udp:127.0.0.1:0 --domain example.com --users "$work/users" --log-level debug \
    >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do
    grep -q '^listening udp' "$work/server.out" 2>/dev/null && break
    sleep 0.1
done
port=$(sed -nE 's/^listening udp 127\.0\.0\.1:([0-9]+)$/\1/p' "$work/server.out" | head -1)
[[ -n "$port" ]] || { echo "demo: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
echo "demo: cpm-server listening on udp 127.0.0.1:$port"

common=(--server "udp:127.0.0.1:$port" --domain example.com --local udp:127.0.0.1:0)
echo "demo: bob registers and listens for one message"
"$client" listen "${common[@]}" --user bob --password bob-pass --count 1 --timeout 20 >"$work/bob.out" 2>&1 &
listener_pid=$!
for _ in $(seq 50); do
    grep -q "REGISTER sip:example.com" "$work/server.log" 2>/dev/null && grep -q "registered" "$work/bob.out" && break
    sleep 0.1
done

echo "demo: alice registers and sends bob a message"
"$client" register "${common[@]}" --user alice --password alice-pass --expires 60
"$client" send "${common[@]}" --user alice --password alice-pass --to sip:bob@example.com \
    --text "Hello Bob, this is Alice over CPM pager mode."

status=0
wait "$listener_pid" || status=$?
listener_pid=""
echo "demo: what bob's client printed:"
sed 's/^/  bob> /' "$work/bob.out"
echo "demo: the server's log:"
sed 's/^/  server> /' "$work/server.log"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
if ((status != 0)); then
    echo "demo: bob did not receive the message (exit $status)" >&2
    exit 1
fi
echo "demo: done: the message went alice -> cpm-server -> bob"
