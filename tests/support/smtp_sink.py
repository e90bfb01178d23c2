#!/usr/bin/env python3
"""A real SMTP server that stores every message it accepts, for Agora's email tests.

    python3 tests/support/smtp_sink.py --port PORT --dir DIR

PORT 0 picks a free port. The first line on stdout is `PORT <n>` once the socket
is listening. Each accepted message becomes DIR/NNNN.eml (the raw bytes of DATA,
CRLF line endings) with its envelope in DIR/NNNN.json
({"mail_from": "...", "rcpt_to": [...]}). The sidecar is written before the
.eml, and both are written to a temporary name and renamed, so a reader that
sees NNNN.eml always sees complete files.

Chosen recipients can be refused: DIR/rules.json, when present, maps a
recipient address to {"code": 450, "times": 2} (answer RCPT TO for that
address with this code the first `times` times, then accept it; `times` null
refuses it for ever). The file is read at every RCPT TO, so a test may change
it while the sink runs. DIR/connections holds how many SMTP connections the
sink has accepted so far.

Plain SMTP only (no STARTTLS, no AUTH). The process exits when its stdin
reaches end-of-file (the test that started it went away) or on SIGTERM/SIGINT.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import threading

from aiosmtpd.smtp import SMTP


class StoreHandler:
    """aiosmtpd handler: write each message and its envelope to `directory`."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.connections = 0
        # Refusals answered so far, per address, for rules with a `times`.
        self.refused = {}

    def connection_opened(self):
        self.connections += 1
        self._write_atomically("connections", str(self.connections).encode("ascii"), sync=False)

    def _rule(self, address):
        try:
            with open(os.path.join(self.directory, "rules.json"), "rb") as f:
                rules = json.load(f)
        except FileNotFoundError:
            return None
        return rules.get(address.lower())

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rule = self._rule(address)
        if rule is not None:
            times = rule.get("times")
            done = self.refused.get(address.lower(), 0)
            if times is None or done < times:
                self.refused[address.lower()] = done + 1
                code = int(rule["code"])
                kind = "temporarily" if code < 500 else "permanently"
                return "%d Mailbox %s unavailable (test sink rule)" % (code, kind)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def _write_atomically(self, name, data, sync=True):
        final = os.path.join(self.directory, name)
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
        os.replace(tmp, final)

    async def handle_DATA(self, server, session, envelope):
        # The handler runs on the event loop thread only, so the counter
        # needs no lock; numbering follows acceptance order.
        self.count += 1
        stem = "%04d" % self.count
        envelope_json = json.dumps(
            {"mail_from": envelope.mail_from, "rcpt_to": list(envelope.rcpt_tos)}
        )
        self._write_atomically(stem + ".json", envelope_json.encode("utf-8"))
        # original_content is exactly what the client sent after DATA
        # (dot-unstuffed), before any decoding by aiosmtpd.
        self._write_atomically(stem + ".eml", envelope.original_content)
        return "250 Message accepted for delivery"


def watch_stdin(loop, stop):
    """Block on stdin in a thread; when it hits EOF, stop the server."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    loop.call_soon_threadsafe(stop.set)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    handler = StoreHandler(args.dir)

    def connection():
        # Called once per accepted connection.
        handler.connection_opened()
        # A fixed hostname avoids a reverse DNS lookup (socket.getfqdn) per
        # connection, which is slow on a machine without a network.
        return SMTP(handler, hostname="smtp-sink.localhost", enable_SMTPUTF8=True)

    server = await loop.create_server(
        connection,
        host=args.host,
        port=args.port,
    )
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)

    threading.Thread(target=watch_stdin, args=(loop, stop), daemon=True).start()
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
    # The stdin thread may still be blocked in read(); don't wait for it.
    os._exit(0)
