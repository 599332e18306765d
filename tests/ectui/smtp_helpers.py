"""A real SMTP server on loopback for mailing tests (aiosmtpd), recording what it receives."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy

from ectui.exchange.mail import SmtpSettings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage


@dataclass
class Recorder:
    """The server's handler: keeps every message; refuses the addresses in ``refuse``."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    # Answer DATA with this reply instead of accepting (e.g. a temporary failure).
    data_reply: str = ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Нет такого ящика / no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


@dataclass
class LocalSmtp:
    recorder: Recorder
    port: int
    logins: list[tuple[str, str]]

    def settings(self, **changes) -> SmtpSettings:
        base = dict(host="127.0.0.1", port=self.port, security="none", login="",
                    password="", sender="sales@romashka-crm.ru", sender_name="Отдел продаж",
                    pause_seconds=0)
        base.update(changes)
        return SmtpSettings(**base)


def local_smtp() -> Iterator[LocalSmtp]:
    """An SMTP server on 127.0.0.1 that accepts login «sales» / «secret» without TLS; for a
    fixture: ``yield from local_smtp()``."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    recorder = Recorder()
    logins: list[tuple[str, str]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        user = auth_data.login.decode() if isinstance(auth_data.login, bytes) else auth_data.login
        password = auth_data.password.decode() if isinstance(auth_data.password, bytes) \
            else auth_data.password
        logins.append((user, password))
        # handled=False: the server answers 535 itself (True means «already answered»).
        return AuthResult(success=(user, password) == ("sales", "secret"), handled=False)

    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        yield LocalSmtp(recorder, port, logins)
    finally:
        controller.stop()
