"""Run one command in a fresh child process and measure it: wall, CPU, peak memory."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Outcome:
    exit_code: int | None  # None when the step could not start
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    timed_out: bool = False
    error: str = ""  # why it could not start, or the tail of stderr on failure


def run_measured(cmd: list[str], cwd: Path, log: Path, timeout: float) -> Outcome:
    """Run `cmd` with stdout and stderr going to `log`; `os.wait4` gives this child's own rusage.

    The rusage of the reaped child includes any grandchildren it waited for (worker
    processes), so CPU is their sum and max RSS the largest single process.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as sink:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except OSError as exc:
            return Outcome(None, 0.0, 0.0, 0.0, error=f"could not start: {exc}")
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere
    outcome = Outcome(proc.returncode, wall, usage.ru_utime + usage.ru_stime, rss, timed_out=killed.is_set())
    if proc.returncode != 0:
        outcome.error = tail(log)
    return outcome


def tail(path: Path, lines: int = 6, width: int = 200) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(line[:width] for line in text.rstrip().splitlines()[-lines:])


def machine() -> dict:
    """CPU model, cores, RAM and Python: enough to compare numbers between machines."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gb": ram_gb,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
    }
