#!/usr/bin/env python3
"""Bad input on TCP against a running cpm-server (pid given, to read its
memory): every case must end in a clear error or a closed connection, the
server's resident memory must stay bounded, and other clients must keep
being served meanwhile.

  garbage      4 KiB of random bytes ending in CRLF CRLF: closed, or a 400
  huge-header  an OPTIONS whose X-Big header grows to 10 MiB, never ending:
               the server stops it at --max-message-size (closed, possibly
               after a 400/513), and VmRSS grows by less than RSS_BUDGET
  stalled      half an OPTIONS, then silence: closed once the transport's
               message timeout passes (expected after STALL_SECONDS)
  garbage-udp  a datagram of random bytes: dropped, no crash
  others       while the above run, and after them, a REGISTER over TCP gets
               its 401 challenge and an OPTIONS over UDP its answer

Usage: bad_input.py HOST PORT SERVER_PID STALL_SECONDS
Exit status 1 when any case failed; one line per case.
"""

import os
import socket
import sys
import threading
import time

RSS_BUDGET = 64 * 1024 * 1024
HUGE = 10 * 1024 * 1024


def vm_rss(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def read_until_close(s, seconds):
    """(bytes received, closed) within seconds."""
    s.settimeout(0.2)
    data, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        except ConnectionError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def first_line(data):
    return data.split(b"\r\n", 1)[0].decode("utf-8", "replace") if data else "nothing"


def status_of(data):
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.failed = 0

    def report(self, ok, name, text):
        with self.lock:
            print("%s: %s: %s" % ("ok" if ok else "FAIL", name, text), flush=True)
            if not ok:
                self.failed += 1


def request(method, transport, port, tag, uri="sip:example.com"):
    via = "SIP/2.0/%s 127.0.0.1:%d;branch=z9hG4bK-bad-input-%s" % (transport.upper(), port, tag)
    return ("%s %s SIP/2.0\r\nVia: %s\r\nMax-Forwards: 70\r\n"
            "From: <sip:alice@example.com>;tag=%s\r\nTo: <sip:alice@example.com>\r\n"
            "Call-ID: bad-input-%s@127.0.0.1\r\nCSeq: 1 %s\r\nContact: <sip:alice@127.0.0.1:%d>\r\n"
            "Content-Length: 0\r\n\r\n" % (method, uri, via, tag, tag, method, port)).encode()


def others_served(host, port, tag):
    """None when a TCP REGISTER gets 401 and a UDP OPTIONS a final answer."""
    try:
        t = socket.create_connection((host, port), timeout=5)
        t.sendall(request("REGISTER", "tcp", t.getsockname()[1], tag + "-reg"))
        t.settimeout(5)
        answer = t.recv(65536)
        t.close()
        if status_of(answer) != 401:
            return "TCP REGISTER got " + first_line(answer)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(("127.0.0.1", 0))
        u.settimeout(5)
        u.sendto(request("OPTIONS", "udp", u.getsockname()[1], tag + "-opt", "sip:127.0.0.1:%d" % port),
                 (host, port))
        answer = u.recv(65536)
        u.close()
        if status_of(answer) < 200:
            return "UDP OPTIONS got " + first_line(answer)
    except OSError as e:
        return "no answer (%s)" % e
    return None


def garbage(host, port, results):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(os.urandom(4096) + b"\r\n\r\n")
    data, closed = read_until_close(s, 5)
    s.close()
    ok = closed or status_of(data) == 400
    results.report(ok, "garbage", "%s%s" % (first_line(data), ", connection closed" if closed else ", still open"))


def garbage_udp(host, port, results):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.sendto(os.urandom(1400), (host, port))
    u.settimeout(1.0)
    try:
        data = u.recv(65536)
    except socket.timeout:
        data = b""
    u.close()
    results.report(status_of(data) in (0, 400), "garbage-udp", first_line(data))


def huge_header(host, port, pid, results, peak):
    s = socket.create_connection((host, port), timeout=10)
    s.sendall(b"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-huge\r\n"
              b"Max-Forwards: 70\r\nX-Big: ")
    chunk = b"a" * 65536
    sent, stopped = 0, "the server read all 10 MiB"
    while sent < HUGE:
        try:
            s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError) as e:
            stopped = "the server stopped reading after %d KiB (%s)" % (sent // 1024, type(e).__name__)
            break
        except socket.timeout:
            stopped = "the server stopped reading after %d KiB (send blocked)" % (sent // 1024)
            break
        sent += len(chunk)
        peak[0] = max(peak[0], vm_rss(pid))
    data, closed = read_until_close(s, 5)
    peak[0] = max(peak[0], vm_rss(pid))
    s.close()
    answer = first_line(data)
    ok = closed and (not data or status_of(data) in (400, 413, 513))
    results.report(ok, "huge-header", "%s; %s%s" % (stopped, answer,
                                                    ", connection closed" if closed else ", still open"))


def stalled(host, port, seconds, results):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-stall\r\nMax-For")
    started = time.monotonic()
    data, closed = read_until_close(s, seconds + 10)
    took = time.monotonic() - started
    s.close()
    ok = closed and took >= seconds * 0.8
    results.report(ok, "stalled", "%s after %.1fs (message timeout %ss)%s" % (
        "closed" if closed else "still open", took, seconds, ", answered " + first_line(data) if data else ""))


def main():
    host, port, pid, stall = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    results = Results()
    baseline = vm_rss(pid)
    peak = [baseline]
    threads = [threading.Thread(target=stalled, args=(host, port, stall, results)),
               threading.Thread(target=huge_header, args=(host, port, pid, results, peak))]
    for t in threads:
        t.start()
    garbage(host, port, results)
    garbage_udp(host, port, results)
    # Others are served while the huge header and the stalled message are
    # in flight (checked a few times), and after everything.
    for round_ in range(3):
        problem = others_served(host, port, "during-%d" % round_)
        results.report(problem is None, "others served meanwhile (%d)" % round_, problem or "401 and answer")
        time.sleep(0.5)
    threads[1].join()
    growth = peak[0] - baseline
    results.report(growth < RSS_BUDGET, "memory bounded",
                   "VmRSS %d KiB before, peak %d KiB (+%d KiB, budget %d KiB)" % (
                       baseline // 1024, peak[0] // 1024, growth // 1024, RSS_BUDGET // 1024))
    threads[0].join()
    problem = others_served(host, port, "after")
    results.report(problem is None, "others served afterwards", problem or "401 and answer")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
