"""When each number's SMS reached the fake SMSC: its output followed as it is written
(every millisecond), each new line stamped with the monotonic clock (``at``), and kept
with its text (``parts``: a long text arrives as several parts, one line each)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from tests.support.kannel import Kannel, parse_line


class Arrivals:
    def __init__(self, kannel: Kannel):
        self.kannel = kannel
        self.at: dict[str, list[float]] = defaultdict(list)
        self.parts: dict[str, list[tuple[float, str]]] = defaultdict(list)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, daemon=True)

    def __enter__(self) -> Arrivals:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def count(self) -> int:
        return sum(len(times) for times in self.at.values())

    def _follow(self) -> None:
        offsets: dict = {}
        while not self._stop.is_set():
            for output in list(self.kannel.smsc_outputs):
                offsets[output] = self._read(output, offsets.get(output, 0))
            time.sleep(0.001)

    def _read(self, output, offset: int) -> int:
        with output.open("rb") as stream:
            stream.seek(offset)
            chunk = stream.read()
        complete = chunk[:chunk.rfind(b"\n") + 1]
        now = time.monotonic()
        for line in complete.decode(errors="replace").splitlines():
            received = parse_line(line)
            if received is not None:
                self.at[received.to].append(now)
                self.parts[received.to].append((now, received.text))
        return offset + len(complete)
