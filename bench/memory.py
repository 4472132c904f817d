"""Peak resident memory of this process and its worker processes together, sampled.

getrusage gives the peak of one process at a time; a run with worker processes needs
their sum, so a thread reads /proc (Linux) every few milliseconds while the run lasts.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces: the parent pid follows the closing parenthesis
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree.extend(children)
        frontier = children
    return tree


class TreeMemory:
    """with TreeMemory() as memory: ...; memory.peak_mb is the largest sum seen.

    The tree is this process and its children, or, once ``root`` is set, that process and
    its children (a command started with subprocess.Popen).
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.root: int | None = None
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_rss_kib(pid) for pid in _tree(self.root or os.getpid())) / 1024
            self.peak_mb = max(self.peak_mb, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
