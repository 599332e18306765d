"""E-mail: composing a letter, sending it through SMTP, and reading messages from a Maildir,
an mbox file or an IMAP mailbox."""

from __future__ import annotations

import hashlib
import html
import mailbox
import re
import smtplib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formataddr, getaddresses, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from ectui.errors import UserError

SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 30


# ---- composing ----------------------------------------------------------------------------

def message_id(mailing_id: int, key: str, token: str, sender: str) -> str:
    """A Message-ID fixed when the letter is made: <ectui.12.contact-5.a1b2@romashka.ru>."""
    domain = sender.rsplit("@", 1)[1] if "@" in sender else "ectui.local"
    return f"<ectui.{mailing_id}.{key.replace(':', '-')}.{token}@{domain}>"


def build_message(*, sender: str, sender_name: str, to: str, to_name: str, subject: str,
                  body: str, message_id: str, date: datetime,
                  attachments: tuple[tuple[str, str, bytes], ...] = ()) -> EmailMessage:
    """A plain-text letter (UTF-8) with optional attachments (filename, MIME type, data)."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = formataddr((sender_name, sender)) if sender_name else sender
    message["To"] = formataddr((to_name, to)) if to_name else to
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id
    message["X-Mailer"] = "ectui"
    message.set_content(body)
    for filename, mime, data in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype or "application",
                               subtype=subtype or "octet-stream", filename=filename)
    return message


# ---- sending ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"   # starttls, ssl (SMTPS, port 465) or none (a local relay)
    login: str = ""
    password: str = ""
    sender: str = ""             # the From address
    sender_name: str = ""
    pause_seconds: float = 1.0   # between two letters: servers limit the rate


class SendFailed(Exception):
    """This letter was refused; others may still go (``fatal`` False) or none can (True)."""

    def __init__(self, reason: str, *, fatal: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal


class SmtpSender:
    """One SMTP connection for a run of letters: ``with SmtpSender(settings) as smtp: …``."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        s = self.settings
        if not s.host:
            raise UserError("mail.smtp_not_set")
        try:
            if s.security == "ssl":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
                if s.security == "starttls":
                    self.smtp.starttls(context=ssl.create_default_context())
            if s.login:
                self.smtp.login(s.login, s.password)
        except smtplib.SMTPAuthenticationError as error:
            self._close()
            raise UserError("mail.smtp_login_failed", error=_reply(error)) from None
        except (OSError, smtplib.SMTPException) as error:
            self._close()
            raise UserError("mail.smtp_cannot_connect", host=s.host, port=s.port,
                            error=_reply(error)) from None
        return self

    def send(self, message: EmailMessage, to: str) -> None:
        """Hand one letter to the server; SendFailed says why it was not taken."""
        assert self.smtp is not None
        try:
            refused = self.smtp.send_message(message, from_addr=self.settings.sender,
                                             to_addrs=[to])
        except smtplib.SMTPRecipientsRefused as error:
            reason = "; ".join(_reply(r) for r in error.recipients.values())
            raise SendFailed(reason, fatal=False) from None
        except smtplib.SMTPSenderRefused as error:
            raise SendFailed(_reply(error), fatal=True) from None
        except smtplib.SMTPDataError as error:
            # The server refused this letter's content; the next letter may well pass.
            raise SendFailed(_reply(error), fatal=False) from None
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as error:
            raise SendFailed(str(error) or type(error).__name__, fatal=True) from None
        except smtplib.SMTPException as error:
            raise SendFailed(_reply(error), fatal=True) from None
        if refused:
            raise SendFailed("; ".join(_reply(r) for r in refused.values()), fatal=False)

    def _close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None

    def __exit__(self, *exc) -> None:
        self._close()


def _reply(error) -> str:
    """An SMTP reply as a person reads it: «550 No such user»."""
    if isinstance(error, tuple) and len(error) == 2:
        code, text = error
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}".strip()
    code = getattr(error, "smtp_code", None)
    text = getattr(error, "smtp_error", None)
    if code is not None and text is not None:
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}".strip()
    return str(error) or type(error).__name__


# ---- reading ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    subject: str
    sender: str                  # the From address, lower case
    sender_text: str             # «Иванова Юлия <ivanova@romashka.ru>»
    recipients: tuple[str, ...]  # To and Cc addresses, lower case
    recipients_text: str
    date: datetime | None
    body: str
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"(?i)<\s*(br|/p|/div|/tr|/h\d|/li)\b[^>]*>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML letter (for a letter that has no plain-text part)."""
    text = _SCRIPT.sub("", markup)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _addresses(*values) -> list[tuple[str, str]]:
    found = []
    for name, address in getaddresses([str(v) for v in values if v]):
        address = address.strip().lower()
        if "@" in address:
            found.append((name, address))
    return found


def _text_of(message) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        try:
            return plain.get_content().strip()
        except (LookupError, UnicodeDecodeError):
            return plain.get_payload(decode=True).decode("utf-8", "replace").strip()
    rich = message.get_body(preferencelist=("html",))
    if rich is not None:
        try:
            return html_to_text(rich.get_content())
        except (LookupError, UnicodeDecodeError):
            return html_to_text(rich.get_payload(decode=True).decode("utf-8", "replace"))
    return ""


def _attachments(message) -> tuple[Attachment, ...]:
    found = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        if data is None:  # a forwarded message/rfc822: kept whole
            data = part.as_bytes()
        filename = part.get_filename() or f"attachment-{len(found) + 1}"
        found.append(Attachment(filename, part.get_content_type(), data))
    return tuple(found)


def parse_message(raw: bytes) -> ParsedMail:
    """The parts of a message ectui keeps; a message without Message-ID gets a stable one."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    ident = (str(message.get("Message-ID") or "")).strip()
    if not ident:
        ident = f"<sha256.{hashlib.sha256(raw).hexdigest()[:40]}@ectui.local>"
    if len(ident) > 250:
        ident = f"<sha256.{hashlib.sha256(ident.encode()).hexdigest()[:40]}@ectui.local>"
    senders = _addresses(message.get("From"))
    recipients = _addresses(message.get("To"), message.get("Cc"))
    try:
        date = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return ParsedMail(
        message_id=ident, subject=str(message.get("Subject") or "").strip(),
        sender=senders[0][1] if senders else "",
        sender_text=str(message.get("From") or ""),
        recipients=tuple(dict.fromkeys(a for _, a in recipients)),
        recipients_text=", ".join(str(v) for v in (message.get("To"), message.get("Cc")) if v),
        date=date, body=_text_of(message), attachments=_attachments(message))


def read_maildir(path: Path) -> Iterator[bytes]:
    """Every message of a Maildir (its new/ and cur/), oldest file first."""
    if not (Path(path) / "cur").is_dir() and not (Path(path) / "new").is_dir():
        raise UserError("mail.not_maildir", path=str(path))
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.keys()):
        with box.get_file(key) as handle:
            yield handle.read()


def read_mbox(path: Path) -> Iterator[bytes]:
    """Every message of an mbox file."""
    if not Path(path).is_file():
        raise UserError("mail.not_mbox", path=str(path))
    box = mailbox.mbox(str(path), factory=None, create=False)
    try:
        for key in box.keys():
            yield box.get_bytes(key)
    finally:
        box.close()


@dataclass(frozen=True)
class ImapSource:
    host: str
    port: int
    user: str
    folder: str
    ssl: bool


def parse_imap_url(url: str) -> ImapSource:
    """imaps://user@host[:993]/INBOX or imap://user@host[:143]/Folder (STARTTLS when offered)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("imap", "imaps") or not parsed.hostname or not parsed.username:
        raise UserError("mail.bad_imap_url", url=url)
    secure = parsed.scheme == "imaps"
    return ImapSource(parsed.hostname, parsed.port or (993 if secure else 143),
                      unquote(parsed.username), unquote(parsed.path.strip("/")) or "INBOX",
                      secure)


def read_imap(source: ImapSource, password: str) -> Iterator[bytes]:
    """Every message of one IMAP folder, read without marking it as seen."""
    import imaplib

    try:
        if source.ssl:
            client = imaplib.IMAP4_SSL(source.host, source.port, timeout=TIMEOUT,
                                       ssl_context=ssl.create_default_context())
        else:
            client = imaplib.IMAP4(source.host, source.port, timeout=TIMEOUT)
            if "STARTTLS" in client.capabilities:
                client.starttls(ssl_context=ssl.create_default_context())
        client.login(source.user, password)
    except (OSError, imaplib.IMAP4.error) as error:
        raise UserError("mail.imap_failed", host=source.host, error=error) from None
    try:
        status, _ = client.select(_imap_quote(source.folder), readonly=True)
        if status != "OK":
            raise UserError("mail.imap_no_folder", folder=source.folder)
        status, data = client.uid("SEARCH", None, "ALL")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for uid in uids:
            status, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
            for part in parts or ():
                if isinstance(part, tuple) and len(part) == 2:
                    yield part[1]
    except (OSError, imaplib.IMAP4.error) as error:
        raise UserError("mail.imap_failed", host=source.host, error=error) from None
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _imap_quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def display_address(address: str, name: str = "") -> str:
    try:
        return str(Address(display_name=name, addr_spec=address))
    except (ValueError, IndexError):
        return address
