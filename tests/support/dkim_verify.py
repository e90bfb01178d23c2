#!/usr/bin/env python3
"""Verifies the DKIM signature of one message with dkimpy, an implementation independent of ours.

    python3 tests/support/dkim_verify.py --selector S --domain D --public-key B64 < message.eml

The public key (base64 DER, as in a DNS TXT record's p= tag) is served to the verifier through
its dnsfunc hook for S._domainkey.D, so no DNS is needed. Prints one JSON line:
{"valid": true|false, "signed": ["from", ...]} (the h= tag of the signature, lower-cased).
"""

import argparse
import json
import sys

import dkim


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--selector", required=True)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--public-key", required=True)
    parser.add_argument("--key-type", default="rsa")
    args = parser.parse_args()
    message = sys.stdin.buffer.read()
    record = ("v=DKIM1; k=%s; p=%s" % (args.key_type, args.public_key)).encode("ascii")
    wanted = "%s._domainkey.%s." % (args.selector, args.domain)

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        return record if name.rstrip(".") + "." == wanted else None

    verifier = dkim.DKIM(message)
    try:
        valid = bool(verifier.verify(dnsfunc=dnsfunc))
    except dkim.DKIMException as e:
        print(json.dumps({"valid": False, "error": str(e), "signed": []}))
        return
    signed = []
    if verifier.signature_fields:
        h = verifier.signature_fields.get(b"h", b"").decode("ascii")
        signed = [name.strip().lower() for name in h.split(":") if name.strip()]
    print(json.dumps({"valid": valid, "signed": signed}))


if __name__ == "__main__":
    main()
