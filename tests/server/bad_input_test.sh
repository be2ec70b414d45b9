#!/bin/bash
# Bad input against cpm-server (bad_input.py says what each case sends and
# expects): garbage on TCP and UDP, a 10 MiB header on TCP (closed at
# --max-message-size, memory bounded), a stalled half message on TCP (closed
# after the transport's message timeout), and other clients served all the
# while; then the server must still run and stop cleanly on SIGTERM.
# cpm-server has no flag for the message timeout yet: the transport's default
# (sip/transport/config.hpp message_timeout, 32 s) is waited for, in parallel
# with the other cases.
# Usage: bad_input_test.sh CPM_SERVER
set -u
server=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=server_lib.sh
. "$here/server_lib.sh"
work=$(mktemp -d)
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
stall_seconds=32

start_server "$server" "$work" --max-message-size 65536 --log-level info || exit 1
timeout 150 python3 "$here/bad_input.py" 127.0.0.1 "$server_port" "$server_pid" "$stall_seconds"
rc=$?
finish_server || exit 1
echo "--- server log"
cat "$server_out"
exit $rc
