"""Start-up time as a person sees it: from launching the command to the text on the terminal.

The program runs in a fresh process on a pseudo-terminal of a fixed size (nothing is
imported in advance, nothing is cached in the interpreter), and the clock stops when the
terminal output contains a marker: text that appears only once the start screen's list has
painted its first row of data. Its peak resident memory so far is read from the kernel
(``VmHWM``: the high-water mark of the program's own address space; ``wait4``'s
``ru_maxrss`` would also count the benchmark's pages the child had before ``exec``), and it
is asked to quit (Ctrl+Q).
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

# CSI sequences, OSC strings, DCS/APC strings, charset designations, two-character escapes.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|[PX^_][^\x1b]*\x1b\\|[()*+].|[@-Z\\-_0-9=<>])")
_CTRL_Q = b"\x11"


class StartupFailed(RuntimeError):
    """The program exited or timed out before the marker appeared; carries its output."""


@dataclass(frozen=True)
class StartupSample:
    seconds: float
    peak_rss_mb: float


def visible_text(raw: str) -> str:
    """Terminal output without its escape sequences: the characters that were drawn."""
    return _ESCAPE.sub("", raw)


def time_to_marker(argv: list[str], marker: str, *, env: dict[str, str] | None = None,
                   size: tuple[int, int] = (120, 34), timeout: float = 60.0) -> StartupSample:
    """Run ``argv`` on a pty of ``size`` (columns, lines) until ``marker`` is drawn."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    environment = dict(os.environ if env is None else env)
    environment.update(TERM="xterm-256color", COLORTERM="truecolor")
    environment.pop("TEXTUAL", None)  # no devtools
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=environment,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    raw = ""
    found_at: float | None = None
    try:
        while found_at is None:
            remaining = timeout - (time.perf_counter() - began)
            if remaining <= 0:
                raise StartupFailed(f"no {marker!r} after {timeout:.0f} s:\n"
                                    f"{visible_text(raw)[-2000:]}")
            ready, _, _ = select.select([master], [], [], min(remaining, 0.5))
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise StartupFailed(f"exited before {marker!r} appeared:\n"
                                    f"{visible_text(raw)[-2000:]}")
            raw += decoder.decode(chunk)
            # Only the tail can hold a marker that was just completed.
            if marker in visible_text(raw[-(len(marker) * 40 + 65536):]):
                found_at = time.perf_counter()
        peak = peak_rss_mb(process.pid)
        os.write(master, _CTRL_Q)
        _reap(process, master)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)
    return StartupSample(seconds=found_at - began, peak_rss_mb=peak)


def peak_rss_mb(pid: int | str = "self") -> float:
    """The high-water mark of a process's resident memory, in MB (Linux ``VmHWM``)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"no VmHWM for process {pid}")


def _reap(process: subprocess.Popen, master: int, timeout: float = 20.0) -> None:
    """Wait for the child to quit, draining its output so it can; kill it if it won't."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
