#!/usr/bin/env python3
"""Checks the Digest credentials that SIPp received, from its -trace_msg log.

SIPp's verifyauth action reads the Authorization field only, so a scenario
that challenges with 407 cannot check the Proxy-Authorization it gets back.
This script does, independently of the stack's own Digest code: for every
received request that carries HEADER (Authorization or
Proxy-Authorization), it recomputes the response digest (RFC 7616 3.4.1;
RFC 2617 3.2.2 for MD5; the RFC 2069 form without qop) from USER and
PASSWORD and the credentials' own realm, nonce, cnonce, nc and qop, and
checks that the digest-uri is the Request-URI (RFC 3261 22.4) and the
username is USER. An ACK's credentials must verify as its INVITE's.

Usage: digest_check.py LOG USER PASSWORD HEADER MIN_COUNT [ALGORITHM]
Exits 0 when every set of credentials verifies (with ALGORITHM when given)
and at least MIN_COUNT distinct ones (by nonce, nc and cnonce) were seen;
1 otherwise.
"""
import hashlib
import re
import sys

HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


def messages(log):
    """The messages SIPp received, as text, in order."""
    blocks = re.split(r"^-{20,} .*$", log, flags=re.M)
    for block in blocks:
        head, _, rest = block.lstrip("\n").partition("\n")
        if "message received" in head:
            yield rest.lstrip("\r\n")


def params(value):
    """The auth-params of a Digest credentials value, unquoted."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    out = {}
    for m in re.finditer(r'\s*([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]+)\s*,?', rest):
        out[m.group(1).lower()] = m.group(3) if m.group(3) is not None else m.group(2)
    return out


def check(method, request_uri, p, user, password, wanted):
    """None when the credentials verify, else what is wrong. The ACK for a
    2xx carries the INVITE's credentials (RFC 3261 13.2.2.4), computed for
    the INVITE's method and Request-URI."""
    if method == "ACK":
        method, request_uri = "INVITE", p.get("uri")
    algorithm = p.get("algorithm", "MD5")
    if wanted and algorithm != wanted:
        return f"algorithm {algorithm} is not {wanted}"
    if algorithm not in HASHES:
        return f"unsupported algorithm {algorithm}"

    def h(text):
        return HASHES[algorithm](text.encode()).hexdigest()

    if p.get("username") != user:
        return f"username {p.get('username')!r} is not {user!r}"
    if p.get("uri") != request_uri:
        return f"uri {p.get('uri')!r} is not the Request-URI {request_uri!r}"
    ha1 = h(f"{user}:{p.get('realm', '')}:{password}")
    ha2 = h(f"{method}:{p['uri']}")
    qop = p.get("qop")
    if qop == "auth":
        expected = h(f"{ha1}:{p['nonce']}:{p['nc']}:{p['cnonce']}:auth:{ha2}")
    elif qop is None:
        expected = h(f"{ha1}:{p['nonce']}:{ha2}")
    else:
        return f"unsupported qop {qop}"
    if p.get("response", "").lower() != expected:
        return f"response {p.get('response')} is not {expected}"
    return None


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    path, user, password, header, min_count = sys.argv[1:6]
    wanted = sys.argv[6] if len(sys.argv) == 7 else None
    with open(path, encoding="utf-8", errors="replace") as f:
        log = f.read()
    seen = set()
    failures = 0
    for text in messages(log):
        lines = text.splitlines()
        start = lines[0].split(" ")
        if len(start) != 3 or not start[2].startswith("SIP/"):
            continue  # a response
        method, request_uri = start[0], start[1]
        for line in lines[1:]:
            if not line:
                break
            name, _, value = line.partition(":")
            if name.strip().lower() != header.lower():
                continue
            p = params(value)
            problem = "not Digest" if p is None else check(method, request_uri, p, user, password, wanted)
            if problem:
                print(f"digest_check: {method} {request_uri}: {header}: {problem}")
                failures += 1
            else:
                seen.add((p.get("nonce"), p.get("nc"), p.get("cnonce")))
    print(f"digest_check: {len(seen)} distinct {header} credentials verified, {failures} failed")
    sys.exit(0 if failures == 0 and len(seen) >= int(min_count) else 1)


if __name__ == "__main__":
    main()
