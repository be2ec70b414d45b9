#!/usr/bin/env python3
# Prints a port of 127.0.0.1 free for both TCP and UDP (servers under test
# listen on both): the kernel picks a TCP port, the UDP bind on the same
# number is tried, else another is drawn.
import socket
import sys

for _ in range(50):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            try:
                u.bind(("127.0.0.1", port))
            except OSError:
                continue
    print(port)
    sys.exit(0)
sys.exit("free_port.py: no port free for both TCP and UDP after 50 draws")
