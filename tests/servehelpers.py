"""Start ``kickoff serve`` as a user does and read the URL it prints (shared by the serve and
browser tests)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

URL = re.compile(r"http://\S+/\?token=\S+")


class Served:
    """A running ``kickoff serve`` and the URL it printed."""

    def __init__(self, proc: subprocess.Popen[str], url: str, lines: list[str]) -> None:
        self.proc = proc
        self.url = url
        self.lines = lines
        self.base = url.split("/?", 1)[0]


def start_serve(db: Path, *args: str, env: dict[str, str] | None = None) -> Served:
    """Start ``kickoff serve`` and wait (with a deadline) for the URL it prints."""
    full_env = {**os.environ, "KICKOFF_DB": str(db), "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kickoff_tui", "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=full_env,
        start_new_session=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 30
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if len(lines) >= 2 and any(URL.search(x) for x in lines):
            found = next(URL.search(x) for x in lines if URL.search(x))
            assert found is not None
            return Served(proc, found.group(0), lines)
    proc.kill()
    raise AssertionError(f"no URL printed: {lines}")


def stop(served: Served) -> tuple[int, str]:
    """ctrl+c: SIGINT, as a terminal sends it; the exit code and the rest of the output."""
    served.proc.send_signal(signal.SIGINT)
    out, _ = served.proc.communicate(timeout=30)
    return served.proc.returncode, out
