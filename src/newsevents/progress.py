"""A progress line on stderr every few seconds for long runs, and one summary line at the end.

Shared by the streaming commands (segment, prelabel) so a long run never looks hung and every
run ends with the same kind of summary; stdout stays free for data ('-o -').
"""

from __future__ import annotations

import sys
import time
from collections import Counter

PROGRESS_EVERY_SECONDS = 5.0


class Progress:
    def __init__(self, command: str, every: float = PROGRESS_EVERY_SECONDS) -> None:
        self.command = command
        self.every = every
        self.started = self.reported = time.monotonic()
        self.documents = 0
        self.counts: Counter = Counter()

    def add(self, **counts: int) -> None:
        """One more document done, with what it contained (sentences=..., tokens=...)."""
        self.documents += 1
        self.counts.update(counts)
        now = time.monotonic()
        if now - self.reported >= self.every:
            self.reported = now
            print(f"{self.command}: {self.documents:,} documents so far ({now - self.started:.0f} s)", file=sys.stderr)

    def finish(self, output: str) -> None:
        where = "stdout" if output == "-" else output
        details = "".join(f", {n:,} {what}" for what, n in self.counts.items())
        print(f"{self.command}: {self.documents:,} documents{details} -> {where} "
              f"({time.monotonic() - self.started:.1f} s)", file=sys.stderr)
