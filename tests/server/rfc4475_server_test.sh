#!/bin/bash
# Every RFC 4475 torture message sent to cpm-server over UDP and over TCP
# (rfc4475_server.py states what each must get and why), then a valid
# REGISTER and OPTIONS on each transport must still be answered, and the
# server must still run and stop cleanly on SIGTERM.
# Usage: rfc4475_server_test.sh CPM_SERVER DATA_DIR   (tests/data/sip/rfc4475)
set -u
server=$1
data=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=server_lib.sh
. "$here/server_lib.sh"
work=$(mktemp -d)
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

start_server "$server" "$work" --log-level debug || exit 1
timeout 150 python3 "$here/rfc4475_server.py" 127.0.0.1 "$server_port" "$data" udp tcp
rc=$?
finish_server || exit 1
exit $rc
