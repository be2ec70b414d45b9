#!/usr/bin/env python3
"""Every RFC 4475 torture message sent to a running cpm-server, over UDP and
over TCP, each on its own socket (all at once, in threads), with the answer
RFC 4475 expects of an element that is a registrar and an authenticating
proxy for example.com (what cpm-server is); then the server must still
answer a valid REGISTER (401 challenge) and OPTIONS on both transports.

The messages are sent byte for byte as in tests/data/sip/rfc4475, except
the top Via's transport and sent-by host[:port], replaced in place with the
flavour's transport and this socket's address (whitespace and folding kept):
RFC 3261 18.2.2 sends a response to the sent-by (a UDP answer to 192.0.2.x
would never arrive) and over the transport the Via names.

Usage: rfc4475_server.py HOST PORT DATA_DIR [udp|tcp]...
Prints one line per message and flavour (ok / xfail / FAIL / XPASS with
expected and got) and exits 1 when any unexpected FAIL or XPASS happened.
"""

import concurrent.futures
import json
import os
import re
import socket
import sys
import threading
import time

# Seconds to wait for an answer that should come, and of silence for "none".
ANSWER_WAIT = 8.0
QUIET_WAIT = 1.5
# After a final response, further answers (a second one to dblreq's noise
# would be wrong) are collected this long.
GRACE = 0.3

# Cases that fail because of known cpm-server bugs (the lead empties this
# list as they get fixed): "<flavour>:<file>" -> why. A listed case that
# passes is reported as XPASS and fails the run, so the entry gets removed.
EXPECTED_TO_FAIL = {}


class Expect:
    """What the server must do with one message on one transport.

    kind: 'status' (first final response's code in codes), 'accept' (a
    final response other than 400 and 500: the request was parsed and
    processed), 'answer' (any final response: RFC 4475 allows either the
    400 or a lenient acceptance), 'none' (no answer within QUIET_WAIT),
    'closed-or' (over TCP: the connection is closed, possibly after a
    response whose code is in codes), 'survive' (anything but a crash).
    single: at most one final response (dblreq's trailing bytes are noise).
    unsupported: option-tags the Unsupported header of a 420 must list.
    """

    def __init__(self, kind, codes=(), why="", single=False, unsupported=()):
        self.kind = kind
        self.codes = set(codes)
        self.why = why
        self.single = single
        self.unsupported = unsupported

    def describe(self):
        if self.kind in ("status", "closed-or"):
            codes = "/".join(str(c) for c in sorted(self.codes))
            return ("connection closed, or " + codes + " then closed") if self.kind == "closed-or" else codes
        return {"accept": "a final response, not 400/500", "answer": "any final response",
                "none": "no answer", "survive": "anything (no crash)"}[self.kind]


def status(*codes, **kw):
    return Expect("status", codes, **kw)


ACCEPT = Expect("accept", why="well formed: parsed and processed like any request")
NONE_RESPONSE = Expect("none", why="a response matching no transaction is dropped (RFC 3261 18.1.2, 16.7)")


def lenient(why):
    return Expect("answer", why="400, or accepted leniently: " + why)


# The answer RFC 4475 expects, for our element (registrar + authenticating
# proxy of example.com, every request from outside challenged or refused).
EXPECT = {
    # 3.1.1 valid: must be parsed; whatever the routing answer, not a 400.
    "wsinv.sip": ACCEPT, "intmeth.sip": ACCEPT, "esc01.sip": ACCEPT, "escnull.sip": ACCEPT,
    "esc02.sip": ACCEPT, "lwsdisp.sip": ACCEPT, "longreq.sip": ACCEPT,
    "dblreq.sip": Expect("accept", single=True, why="REGISTER processed, the trailing INVITE octets ignored (18.3)"),
    "semiuri.sip": ACCEPT, "transports.sip": ACCEPT, "mpart01.sip": ACCEPT,
    "unreason.sip": NONE_RESPONSE, "noreason.sip": NONE_RESPONSE,
    # 3.1.2 invalid.
    "badinv01.sip": status(400, why="empty Via/Contact parameters"),
    "clerr.sip": status(400, why="Content-Length beyond the datagram (18.3: a request gets 400)"),
    "ncl.sip": status(400, why="negative Content-Length"),
    "scalar02.sip": status(400, why="CSeq above 2**32-1"),
    "scalarlg.sip": NONE_RESPONSE,
    "quotbal.sip": status(400, why="unterminated quoted string in To"),
    "ltgtruri.sip": lenient("Request-URI in <>"),
    "lwsruri.sip": status(400, why="LWS inside the Request-URI"),
    "lwsstart.sip": lenient("two SPs in the Request-Line"),
    "trws.sip": lenient("trailing SPs after SIP-Version"),
    "escruri.sip": lenient("escaped headers in the Request-URI"),
    "baddate.sip": lenient("Date in EST"),
    "regbadct.sip": lenient("Contact URI with '?' not in <>"),
    "badaspec.sip": lenient("spaces inside <> in To"),
    "baddn.sip": lenient("unquoted display names with commas"),
    "badvers.sip": status(505, why="SIP/7.0"),
    "mismatch01.sip": status(400, why="CSeq method is not the request's"),
    "mismatch02.sip": status(400, 501, why="unknown method and CSeq mismatch"),
    "bigcode.sip": NONE_RESPONSE,
    # 3.2 / 3.3 / 3.4 semantic.
    "badbranch.sip": lenient("branch is the bare magic cookie"),
    "insuf.sip": status(400, why="no Call-ID, From, To"),
    "unkscm.sip": status(416, why="unknown Request-URI scheme"),
    "novelsc.sip": status(416, 404, why="soap.beep Request-URI"),
    # A registrar that authenticates checks credentials (10.3 step 3)
    # before the To AOR (step 5): the challenge may come first.
    "unksm2.sip": status(400, 401, why="registrar: To is not a SIP AOR (or 401 first, 10.3 step 3)"),
    "bext01.sip": status(420, why="proxy: Proxy-Require tags unsupported (16.3 step 5, 20.40)",
                         unsupported=("noProxiesSupportThis", "norDoAnyProxiesSupportThis")),
    "invut.sip": ACCEPT,  # a proxy handles it as any INVITE (415 is a UAS answer)
    "regaut01.sip": status(401, why="authenticating registrar: unknown scheme, so challenge"),
    "multi01.sip": status(400, why="Call-ID, CSeq, To, From, Max-Forwards repeated"),
    "mcl01.sip": status(400, why="two Content-Length values"),
    "bcast.sip": NONE_RESPONSE,
    "zeromf.sip": status(483, 200, why="proxy: Max-Forwards 0: 483, or an OPTIONS answered itself (16.3 step 3)"),
    # An authenticating registrar challenges these first (10.3 step 3).
    "cparam01.sip": status(200, 401, why="registrar: REGISTER succeeds, after a challenge here"),
    "cparam02.sip": status(200, 401, why="registrar: REGISTER succeeds, after a challenge here"),
    "regescrt.sip": status(200, 401, why="registrar: REGISTER succeeds, after a challenge here"),
    "sdp01.sip": ACCEPT,  # a proxy forwards it (406 is a UAS answer)
    "inv2543.sip": lenient("RFC 2543 request (no branch, no tags, no Content-Length)"),
}

# Over a stream the framing differs (RFC 3261 18.3: Content-Length frames
# the message; RFC 4475 3.1.2.2/3.1.2.3/3.3.9 on streams).
TCP_EXPECT = {
    "clerr.sip": Expect("none", why="the body is incomplete: a stream receiver waits for the rest"),
    "ncl.sip": Expect("closed-or", {400}, why="negative Content-Length: framing lost, close"),
    "mcl01.sip": Expect("closed-or", {400}, why="two Content-Length values: framing lost, close"),
    # On a stream the INVITE after the REGISTER is a second message, whose
    # body (150 of the 155 octets) leaves garbage behind: the REGISTER must
    # still be answered, the connection may close.
    "dblreq.sip": Expect("accept", why="the complete REGISTER is answered before any framing error"),
    "inv2543.sip": Expect("survive", why="no Content-Length on a stream (18.3 requires it): framing is a guess"),
}

VIA = re.compile(rb"(?im)^(?:via|v)[ \t]*:[ \t\r\n]*SIP[ \t\r\n]*/[ \t\r\n]*[0-9.]+[ \t\r\n]*/[ \t\r\n]*"
                 rb"([A-Za-z]+)[ \t\r\n]+([^;,\s]+)")


def retarget(data, transport, port):
    """The message with its first Via's transport and sent-by replaced."""
    head_end = data.find(b"\r\n\r\n")
    m = VIA.search(data, 0, head_end if head_end >= 0 else len(data))
    if not m:
        return data
    tp = transport.upper().encode()
    sent_by = b"127.0.0.1:" + str(port).encode()
    return data[:m.start(1)] + tp + data[m.end(1):m.start(2)] + sent_by + data[m.end(2):]


class Response:
    def __init__(self, raw):
        self.raw = raw
        head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
        lines = head.split("\r\n")
        parts = lines[0].split(" ", 2)
        self.code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        self.headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                self.headers.setdefault(name.strip().lower(), []).append(value.strip())

    def header(self, name):
        return ", ".join(self.headers.get(name.lower(), []))


def split_stream(buffer):
    """Complete messages framed by Content-Length off the front of buffer."""
    out = []
    while True:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            return out, buffer
        head = buffer[:end].decode("utf-8", "replace")
        m = re.search(r"(?im)^(?:content-length|l)[ \t]*:[ \t]*([0-9]+)", head)
        length = int(m.group(1)) if m else 0
        if len(buffer) < end + 4 + length:
            return out, buffer
        out.append(buffer[:end + 4 + length])
        buffer = buffer[end + 4 + length:]


def exchange(transport, host, port, data, wait):
    """Sends data on a fresh socket; returns (responses, closed) once a final
    response (plus GRACE) arrived, the peer closed, or wait ran out."""
    kind = socket.SOCK_DGRAM if transport == "udp" else socket.SOCK_STREAM
    s = socket.socket(socket.AF_INET, kind)
    responses, closed, buffer = [], False, b""
    try:
        s.bind(("127.0.0.1", 0))
        message = retarget(data, transport, s.getsockname()[1])
        if transport == "udp":
            s.sendto(message, (host, port))
        else:
            s.settimeout(wait)
            s.connect((host, port))
            s.sendall(message)
        deadline = time.monotonic() + wait
        final_at = None
        while True:
            now = time.monotonic()
            limit = deadline if final_at is None else min(deadline, final_at + GRACE)
            if now >= limit:
                break
            s.settimeout(limit - now)
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionError:
                closed = True
                break
            if transport == "udp":
                got = [chunk]
            else:
                if not chunk:
                    closed = True
                    break
                got, buffer = split_stream(buffer + chunk)
            for raw in got:
                r = Response(raw)
                responses.append(r)
                if r.code >= 200 and final_at is None:
                    final_at = time.monotonic()
    finally:
        s.close()
    return responses, closed


def judge(expect, responses, closed):
    """None when the answer is the expected one, else what is wrong."""
    finals = [r for r in responses if r.code >= 200]
    got = describe(responses, closed)
    if expect.kind == "survive":
        return None
    if expect.kind == "none":
        return None if not responses else "answered: " + got
    if expect.kind == "closed-or":
        if not closed:
            return "connection left open: " + got
        if finals and finals[0].code not in expect.codes:
            return "answered " + got
        return warning_problem(finals)
    if not finals:
        return "no final response: " + got
    first = finals[0]
    if expect.single and len(finals) > 1:
        return "more than one final response: " + got
    if expect.kind == "status" and first.code not in expect.codes:
        return "got " + got
    if expect.kind == "accept" and first.code in (400, 500):
        return "refused a well-formed message: " + got
    if expect.kind == "status" and first.code == 420:
        listed = {t.strip() for t in first.header("Unsupported").split(",")}
        missing = [t for t in expect.unsupported if t not in listed]
        if missing:
            return "420 Unsupported: lacks " + ", ".join(missing) + ": " + got
    return warning_problem(finals)


def warning_problem(finals):
    # The brief: a 400 for a malformed message says why in a Warning (RFC
    # 3261 20.43, warn-code 399 for miscellaneous).
    for r in finals:
        if r.code == 400 and not r.header("Warning"):
            return "400 without a Warning header"
    return None


def describe(responses, closed):
    parts = []
    for r in responses:
        line = r.raw.split(b"\r\n", 1)[0].decode("utf-8", "replace")
        warning = r.header("Warning")
        parts.append(line + (" [Warning: " + warning + "]" if warning else ""))
    text = "; ".join(parts) if parts else "nothing"
    return text + (" (connection closed)" if closed else "")


def main():
    host, port, data_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    flavours = sys.argv[4:] or ["udp", "tcp"]
    with open(os.path.join(data_dir, "expectations.json")) as f:
        rows = json.load(f)
    cases = []
    for flavour in flavours:
        for row in rows:
            name = row["file"]
            expect = (TCP_EXPECT.get(name) if flavour == "tcp" else None) or EXPECT[name]
            with open(os.path.join(data_dir, name), "rb") as f:
                data = f.read()
            cases.append((flavour, row, expect, data))

    def run(case):
        flavour, row, expect, data = case
        wait = QUIET_WAIT if expect.kind in ("none", "survive") else ANSWER_WAIT
        started = time.monotonic()
        responses, closed = exchange(flavour, host, port, data, wait)
        return judge(expect, responses, closed), describe(responses, closed), time.monotonic() - started

    failures = 0
    lock = threading.Lock()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(cases)) as pool:
        results = list(pool.map(run, cases))
    for (flavour, row, expect, _), (problem, got, seconds) in zip(cases, results):
        key = flavour + ":" + row["file"]
        label = "%s %s (%s %s)" % (flavour, row["file"], row["section"], row["category"])
        with lock:
            if problem is None and key in EXPECTED_TO_FAIL:
                print("XPASS: %s: remove it from EXPECTED_TO_FAIL; got %s" % (label, got))
                failures += 1
            elif problem is None:
                print("ok: %s: %s" % (label, got))
            elif key in EXPECTED_TO_FAIL:
                print("xfail: %s: expected %s (%s); %s [%s]" % (label, expect.describe(), expect.why, problem,
                                                                  EXPECTED_TO_FAIL[key]))
            else:
                print("FAIL: %s: expected %s (%s); %s" % (label, expect.describe(), expect.why, problem))
                failures += 1

    # The server keeps serving: a valid REGISTER gets its Digest challenge
    # and an OPTIONS to the server itself gets a final response.
    for flavour in flavours:
        register = (b"REGISTER sip:example.com SIP/2.0\r\n"
                    b"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-after-" + flavour.encode() + b"\r\n"
                    b"Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=after\r\n"
                    b"To: <sip:alice@example.com>\r\nCall-ID: after-" + flavour.encode() + b"@127.0.0.1\r\n"
                    b"CSeq: 1 REGISTER\r\nContact: <sip:alice@127.0.0.1:9>\r\nContent-Length: 0\r\n\r\n")
        options = (b"OPTIONS sip:127.0.0.1:" + str(port).encode() + b" SIP/2.0\r\n"
                   b"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-options-" + flavour.encode() + b"\r\n"
                   b"Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=opt\r\n"
                   b"To: <sip:127.0.0.1>\r\nCall-ID: options-" + flavour.encode() + b"@127.0.0.1\r\n"
                   b"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        for what, data, expect in (("REGISTER", register, status(401, why="Digest challenge")),
                                   ("OPTIONS", options, Expect("answer", why="the server answers"))):
            responses, closed = exchange(flavour, host, port, data, ANSWER_WAIT)
            problem = judge(expect, responses, closed)
            got = describe(responses, closed)
            if problem is None:
                print("ok: %s: still serving: %s -> %s" % (flavour, what, got))
            else:
                print("FAIL: %s: still serving: %s expected %s; %s" % (flavour, what, expect.describe(), problem))
                failures += 1
    print("%d case(s) failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
