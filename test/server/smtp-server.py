#!/usr/bin/python3
"""An SMTP server for the tests (Debian's aiosmtpd): STARTTLS required, AUTH required, and every
message it accepts stored in a Maildir, with the envelope in X-MailFrom / X-RcptTo headers.

It listens on 127.0.0.1 at a port the system picks and prints one JSON line on stdout once it
does: {"port": N}. It stops when stdin closes (the test that started it ended, however it ended)
or on SIGTERM.

--hold-first SECONDS keeps the reply to the first message's final "." back for that long after
storing it, and prints {"holding": "<Message-ID>"} meanwhile: a client killed then has sent a
message the server accepted without learning so (the in-doubt end of an SMTP transaction).
--refuse-first N answers the first N messages with "451" (try again later) and stores nothing.
--hold-before-data SECONDS keeps the answer to the first transaction's first RCPT TO back for that
long and prints {"holding": "rcpt"} meanwhile: a client killed then has started a send and
delivered nothing (the server has no message to store).

Usage: smtp-server.py --maildir DIR --cert PEM --key PEM --user NAME  (password in SMTP_TEST_PASSWORD)
Run it with Debian's /usr/bin/python3, which has aiosmtpd (test/server/smtp-install.sh).
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class HoldingMailbox(Mailbox):
    def __init__(self, maildir, hold_first, refuse_first, hold_before_data=0):
        super().__init__(maildir)
        self.hold_first = hold_first
        self.refuse_first = refuse_first
        self.hold_before_data = hold_before_data
        self.messages = 0
        self.recipients = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.recipients += 1
        if self.recipients == 1 and self.hold_before_data > 0:
            say({"holding": "rcpt"})
            await asyncio.sleep(self.hold_before_data)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        if self.messages <= self.refuse_first:
            return "451 4.3.0 Try again later (test server)"
        message = self.prepare_message(session, envelope)
        self.handle_message(message)
        if self.messages == 1 and self.hold_first > 0:
            say({"holding": message.get("Message-ID", "")})
            await asyncio.sleep(self.hold_first)
        return "250 OK"


def say(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        # handled=False: the server itself answers 235 or 535.
        return AuthResult(success=ok, handled=False)

    return check


async def serve(args):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    handler = HoldingMailbox(args.maildir, args.hold_first, args.refuse_first, args.hold_before_data)
    password = os.environ.get("SMTP_TEST_PASSWORD", "")
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="smtp.test",
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            authenticator=authenticator(args.user, password),
            loop=loop,
        ),
        host="127.0.0.1",
        port=0,
    )
    say({"port": server.sockets[0].getsockname()[1]})
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: os.read(sys.stdin.fileno(), 4096) or stop.set())
    await stop.wait()
    server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--hold-first", type=float, default=0)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--hold-before-data", type=float, default=0)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
