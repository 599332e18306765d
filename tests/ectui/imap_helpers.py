"""A tiny IMAP4rev1 server on loopback: LOGIN, EXAMINE, UID SEARCH ALL, UID FETCH, LOGOUT —
what ``ectui mail import --imap`` uses — serving a fixed list of messages."""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Mailbox:
    user: str = "kim"
    password: str = "secret"
    folder: str = "INBOX"
    messages: list[bytes] = field(default_factory=list)
    seen_flags_set: bool = False  # a FETCH without .PEEK would set \\Seen


class _Handler(socketserver.StreamRequestHandler):
    box: Mailbox

    def _send(self, text: str | bytes) -> None:
        self.wfile.write(text if isinstance(text, bytes) else text.encode())

    def handle(self) -> None:
        box = self.server.box  # type: ignore[attr-defined]
        self._send("* OK IMAP4rev1 test server ready\r\n")
        authenticated = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "CAPABILITY":
                self._send(f"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n")
            elif command == "LOGIN":
                user, password = [a.strip('"') for a in args.split(" ", 1)]
                authenticated = (user, password) == (box.user, box.password)
                self._send(f"{tag} OK logged in\r\n" if authenticated
                           else f"{tag} NO [AUTHENTICATIONFAILED] wrong login\r\n")
            elif command in ("EXAMINE", "SELECT") and authenticated:
                if args.strip('"') != box.folder:
                    self._send(f"{tag} NO no such folder\r\n")
                    continue
                self._send(f"* {len(box.messages)} EXISTS\r\n* FLAGS (\\Seen)\r\n"
                           f"{tag} OK [READ-ONLY] done\r\n")
            elif command == "UID" and authenticated:
                self._uid(tag, args, box)
            elif command == "LOGOUT":
                self._send(f"* BYE\r\n{tag} OK bye\r\n")
                return
            else:
                self._send(f"{tag} BAD unknown command\r\n")

    def _uid(self, tag: str, args: str, box: Mailbox) -> None:
        verb, _, rest = args.partition(" ")
        if verb.upper() == "SEARCH":
            uids = " ".join(str(n) for n in range(1, len(box.messages) + 1))
            self._send(f"* SEARCH {uids}\r\n{tag} OK done\r\n")
            return
        match = re.match(r"(\d+) \((BODY(\.PEEK)?\[\])\)", rest)
        if verb.upper() == "FETCH" and match:
            uid = int(match.group(1))
            if match.group(3) is None:
                box.seen_flags_set = True
            data = box.messages[uid - 1]
            self._send(f"* {uid} FETCH (UID {uid} BODY[] {{{len(data)}}}\r\n".encode()
                       + data + b")\r\n" + f"{tag} OK done\r\n".encode())
            return
        self._send(f"{tag} BAD\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def local_imap(box: Mailbox) -> Iterator[int]:
    """Serve ``box`` on 127.0.0.1; yields the port (for a fixture: ``yield from``)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.box = box  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
